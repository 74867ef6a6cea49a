using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using static Undersigned.Tests.Infrastructure.PostgresTools;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// A cluster in a fresh temp folder, on a free loopback port, trusting 127.0.0.1 only, removed when this process
/// ends if not before. The outbox benchmark (bench/Undersigned.Bench.Outbox) links this file for its own cluster.
/// </summary>
internal sealed class ThrowawayCluster
{
    private readonly string folder;
    private readonly string pgCtl;
    private readonly int port;

    private ThrowawayCluster(string folder, string pgCtl, int port)
    {
        this.folder = folder;
        this.pgCtl = pgCtl;
        this.port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            IncludeErrorDetail = true,
        }.ConnectionString;
    }

    public string ConnectionString { get; }

    private string DataFolder => Path.Combine(folder, "data");

    private string LogFile => Path.Combine(folder, "postgres.log");

    public static async Task<ThrowawayCluster> StartAsync()
    {
        var initdb = FindTool("initdb");
        var pgCtl = FindTool("pg_ctl");
        var folder = Directory.CreateTempSubdirectory("undersigned-pg-").FullName;
        try
        {
            if (RunningAsRoot)
            {
                // initdb refuses to run as root; the cluster belongs to the postgres user instead.
                Run("chown", ["postgres:", folder], asPostgres: false);
            }
            var data = Path.Combine(folder, "data");
            Run(initdb, ["-D", data, "--username=postgres", "--auth=trust", "--encoding=UTF8", "--no-locale",
                "--no-instructions"], asPostgres: RunningAsRoot);

            await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), $"""

                listen_addresses = '127.0.0.1'
                unix_socket_directories = '{folder}'
                fsync = on
                max_connections = 300
                """);
            await File.WriteAllTextAsync(Path.Combine(data, "pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");

            var log = Path.Combine(folder, "postgres.log");
            for (var attempt = 1; ; attempt++)
            {
                // The port is free when chosen but another process may take it first: then try another one.
                var port = FreeLoopbackPort();
                var (code, output) = Run(pgCtl, ["-D", data, "-l", log, "-o", $"-p {port}", "-w", "-t", "60", "start"],
                    asPostgres: RunningAsRoot, throwOnFailure: false);
                if (code == 0)
                {
                    var cluster = new ThrowawayCluster(folder, pgCtl, port);
                    cluster.WatchOverThisProcess();
                    return cluster;
                }
                if (attempt == 3)
                {
                    var serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log) : "(no log written)";
                    throw new InvalidOperationException(
                        $"pg_ctl start failed with exit code {code} for the test cluster in {folder}:\n{output}\nServer log:\n{serverLog}");
                }
            }
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    public void Halt() =>
        Run(pgCtl, ["-D", DataFolder, "-m", "immediate", "-w", "stop"], asPostgres: RunningAsRoot);

    public void Resume()
    {
        var (code, output) = Run(pgCtl, ["-D", DataFolder, "-l", LogFile, "-o", $"-p {port}", "-w", "-t", "60", "start"],
            asPostgres: RunningAsRoot, throwOnFailure: false);
        if (code != 0)
        {
            var serverLog = File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no log written)";
            throw new InvalidOperationException(
                $"pg_ctl start (again, on port {port}) failed with exit code {code} in {folder}:\n{output}\nServer log:\n{serverLog}");
        }
    }

    public void Stop()
    {
        try
        {
            Run(pgCtl, ["-D", DataFolder, "-m", "immediate", "-w", "stop"], asPostgres: RunningAsRoot, throwOnFailure: false);
        }
        finally
        {
            TryDelete(folder);
        }
    }

    /// <summary>
    /// Stops the cluster and deletes its folder once this process is gone, however it ends: the test host (or the
    /// benchmark) may be killed before its exit handlers finish. The watcher runs detached (setsid -f) so it outlives the host.
    /// </summary>
    private void WatchOverThisProcess()
    {
        var stop = $"{Quote(pgCtl)} -D {Quote(DataFolder)} -m immediate -w stop";
        if (RunningAsRoot)
        {
            stop = $"runuser -u postgres -- {stop}";
        }
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; "
            + $"{stop} >/dev/null 2>&1; rm -rf {Quote(folder)}";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in (string[])["-f", "sh", "-c", script])
        {
            start.ArgumentList.Add(argument);
        }
        using var watcher = Process.Start(start);
        watcher?.WaitForExit();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
