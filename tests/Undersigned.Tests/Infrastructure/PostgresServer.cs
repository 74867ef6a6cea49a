namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the test run uses: the one named by UNDERSIGNED_TEST_POSTGRES, or else a throwaway cluster
/// started once per test process with Debian's initdb and pg_ctl, and removed when the process exits.
/// The databases themselves are made and dropped in PostgresServer.Databases.cs.
/// </summary>
public sealed partial class PostgresServer : IDisposable
{
    public const string EnvironmentVariable = "UNDERSIGNED_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    /// <summary>Set only for a cluster of a test's own (<see cref="StartOwnAsync"/>), which that test may stop.</summary>
    private readonly ThrowawayCluster? own;

    private PostgresServer(string adminConnectionString, ThrowawayCluster? own = null)
    {
        AdminConnectionString = adminConnectionString;
        this.own = own;
    }

    /// <summary>A connection string for a user that may CREATE DATABASE.</summary>
    public string AdminConnectionString { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>
    /// A throwaway cluster for one test alone, which it may stop and start again (an outage) without disturbing the
    /// tests that share the run's server. Always local, even when <see cref="EnvironmentVariable"/> names a server.
    /// Dispose removes it.
    /// </summary>
    public static async Task<PostgresServer> StartOwnAsync()
    {
        var cluster = await ThrowawayCluster.StartAsync();
        return new PostgresServer(cluster.ConnectionString, cluster);
    }

    /// <summary>Stops the server as a crash or a power cut would (pg_ctl stop -m immediate); its data stays.</summary>
    public void Stop() => Own.Halt();

    /// <summary>Starts a stopped server again on the same port with the same data, and waits until it takes connections.</summary>
    public void Restart() => Own.Resume();

    public void Dispose() => own?.Stop();

    private ThrowawayCluster Own => own
        ?? throw new InvalidOperationException("Only a cluster started by StartOwnAsync may be stopped by a test.");

    private static async Task<PostgresServer> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new PostgresServer(given);
        }
        ThrowawayCluster cluster;
        try
        {
            cluster = await ThrowawayCluster.StartAsync();
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException(
                $"{e.Message} Or set {EnvironmentVariable} to a connection string for a server where the user may CREATE DATABASE.", e);
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return new PostgresServer(cluster.ConnectionString);
    }
}
