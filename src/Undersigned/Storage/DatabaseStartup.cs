using Microsoft.EntityFrameworkCore;
using Npgsql;
using Undersigned.Data;

namespace Undersigned.Storage;

public static class DatabaseStartup
{
    // Any fixed number: the key of the PostgreSQL advisory lock that instances starting together queue on.
    private const long StartupLock = 0x556E_6465_7273;

    /// <summary>Brings the schema up to date, then runs the seeds the features registered (<see cref="DatabaseSeed"/>).</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        var seeds = scope.ServiceProvider.GetServices<DatabaseSeed>().ToList();
        await OneAtATimeAsync(db, async () =>
        {
            await db.Database.MigrateAsync();
            foreach (var seed in seeds)
            {
                await seed.RunAsync(scope.ServiceProvider, db);
            }
        });
    }

    /// <summary>Applies pending migrations (the <c>migrate</c> command); returns the names of those applied.</summary>
    public static async Task<List<string>> MigrateAsync(UndersignedDb db)
    {
        var pending = new List<string>();
        await OneAtATimeAsync(db, async () =>
        {
            pending.AddRange(await db.Database.GetPendingMigrationsAsync());
            await db.Database.MigrateAsync();
        });
        return pending;
    }

    /// <summary>
    /// Several instances deployed at once over one PostgreSQL take turns: the first migrates and seeds, the others
    /// find the work done. (SQLite has one writer and EF Core's own migration lock.)
    /// </summary>
    private static async Task OneAtATimeAsync(UndersignedDb db, Func<Task> work)
    {
        if (!db.Database.IsNpgsql())
        {
            await work();
            return;
        }
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({StartupLock})", connection))
        {
            await take.ExecuteNonQueryAsync();
        }
        try
        {
            await work();
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({StartupLock})", connection);
            await release.ExecuteNonQueryAsync();
        }
    }
}
