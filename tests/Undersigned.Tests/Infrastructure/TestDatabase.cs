using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;

namespace Undersigned.Tests.Infrastructure;

/// <summary>One empty database of one provider: a SQLite file in a temp folder, or a fresh PostgreSQL database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? sqliteFolder;
    private readonly PostgresServer? server;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFolder, PostgresServer? server = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.sqliteFolder = sqliteFolder;
        this.server = server;
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
        return await CreateAsync(await PostgresServer.GetAsync());
    }

    /// <summary>An empty database on a given PostgreSQL server (a test's own, say, that it will stop).</summary>
    public static async Task<TestDatabase> CreateAsync(PostgresServer server) =>
        new(DatabaseProvider.Postgres, await server.CreateDatabaseAsync(), null, server);

    /// <summary>A DbContext on this database from outside any app, to set it up or to read what was stored.</summary>
    public UndersignedDb Open()
    {
        var options = new DbContextOptionsBuilder<UndersignedDb>();
        if (Provider == DatabaseProvider.Sqlite)
        {
            options.UseSqlite(ConnectionString);
        }
        else
        {
            options.UseNpgsql(ConnectionString);
        }
        return new UndersignedDb(options.UseSnakeCaseNamingConvention().Options);
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
            await (server ?? await PostgresServer.GetAsync()).DropDatabaseAsync(ConnectionString);
        }
    }
}
