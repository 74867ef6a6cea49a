using Microsoft.Data.Sqlite;
using Undersigned.Storage;

namespace Undersigned.Tests.Infrastructure;

/// <summary>One empty database of one provider: a SQLite file in a temp folder, or a fresh PostgreSQL database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? sqliteFolder;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFolder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.sqliteFolder = sqliteFolder;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("undersigned-sqlite-").FullName;
            var file = Path.Combine(folder, "undersigned.db");
            return new TestDatabase(provider, new SqliteConnectionStringBuilder { DataSource = file }.ToString(), folder);
        }
        var server = await PostgresServer.GetAsync();
        return new TestDatabase(provider, await server.CreateDatabaseAsync(), null);
    }

    /// <summary>The configuration an app instance (or the executable, as environment variables) needs to use it.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Default"] = ConnectionString,
    };

    public async ValueTask DisposeAsync()
    {
        if (sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // Still open somewhere; the temp folder is cleaned by the system.
            }
        }
        else
        {
            await (await PostgresServer.GetAsync()).DropDatabaseAsync(ConnectionString);
        }
    }
}
