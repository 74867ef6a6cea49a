using Npgsql;

namespace Undersigned.Tests.Infrastructure;

/// <summary>Test databases on the server: one empty database per fixture, dropped when it is done.</summary>
public sealed partial class PostgresServer
{
    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"undersigned_test_{Guid.NewGuid():N}"[..32];
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            var server = new NpgsqlConnectionStringBuilder(AdminConnectionString);
            var source = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable))
                ? "the throwaway test cluster"
                : $"the server named by {EnvironmentVariable}";
            throw new InvalidOperationException(
                $"Could not create a test database on {source} ({server.Host}:{server.Port} as {server.Username}): {e.Message}", e);
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever still uses it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var pooled = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(pooled);
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
