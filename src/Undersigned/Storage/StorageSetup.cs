using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class StorageSetup
{
    /// <summary>Registers the database: SQLite in a data folder by default, PostgreSQL when configured.</summary>
    public static void AddStorage(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var provider = ReadProvider(config["Database:Provider"]);
        var connectionString = provider == DatabaseProvider.Sqlite
            ? SqliteConnectionString(config.GetConnectionString("Default"), builder.Environment.ContentRootPath)
            : PostgresDefaults.Apply(config.GetConnectionString("Default")
              ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is not set."));

        builder.Services.AddSingleton(new StorageOptions(provider));
        builder.Services.AddDbContext<UndersignedDb>(options =>
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly("Undersigned.Migrations.Sqlite"))
                    .AddInterceptors(new SqliteDurability());
            }
            else
            {
                options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly("Undersigned.Migrations.Postgres"));
            }
            options.UseSnakeCaseNamingConvention();
        }, optionsLifetime: ServiceLifetime.Singleton); // built once, not for every request that takes a DbContext
        builder.Services.AddHealthChecks().AddDbContextCheck<UndersignedDb>("database");
        // Keys that sign antiforgery tokens and cookies live with the data, so any instance accepts any other's.
        builder.Services.AddDataProtection().SetApplicationName("Undersigned").PersistKeysToDbContext<UndersignedDb>();
    }

    private static DatabaseProvider ReadProvider(string? value) =>
        string.IsNullOrWhiteSpace(value) ? DatabaseProvider.Sqlite
        : Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider) ? provider
        : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{value}'.");

    /// <summary>Resolves a relative SQLite file against the content root and makes sure its folder exists.</summary>
    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(configured ?? "Data Source=data/undersigned.db");
        if (csb.DataSource != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            csb.DataSource = Path.GetFullPath(csb.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        }
        return csb.ToString();
    }
}

/// <summary>Which database this instance runs on, for the few places where SQL differs.</summary>
public sealed record StorageOptions(DatabaseProvider Provider);
