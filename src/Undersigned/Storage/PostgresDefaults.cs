using System.Data.Common;
using Npgsql;

namespace Undersigned.Storage;

/// <summary>
/// Connection settings the app runs best with on PostgreSQL, added where the configured connection string does not
/// say otherwise (docs/operations.md). Measured under the sign benchmark (docs/performance.md): resetting every
/// pooled connection (<c>DISCARD ALL</c>) and planning every statement again cost more PostgreSQL CPU than the
/// statements themselves.
/// </summary>
public static class PostgresDefaults
{
    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(Normalize).ToHashSet();
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        // The app keeps no session state (no SET, no temporary tables; its one advisory lock is released in a
        // finally), so a pooled connection need not be reset; keeping it keeps its prepared statements too.
        if (!keys.Contains("NORESETONCLOSE"))
        {
            csb.NoResetOnClose = true;
        }
        // Statements run often enough are prepared once per connection instead of parsed and planned every time.
        if (!keys.Contains("MAXAUTOPREPARE"))
        {
            csb.MaxAutoPrepare = 64;
        }
        return csb.ConnectionString;
    }

    private static string Normalize(string key) => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
