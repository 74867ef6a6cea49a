using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the test run uses: the one named by UNDERSIGNED_TEST_POSTGRES, or else a throwaway cluster
/// started once per test process with Debian's initdb and pg_ctl, and removed when the process exits.
/// </summary>
public sealed class PostgresServer : IDisposable
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

    private static async Task<PostgresServer> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new PostgresServer(given);
        }
        var cluster = await ThrowawayCluster.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return new PostgresServer(cluster.ConnectionString);
    }

    /// <summary>A cluster in a fresh temp folder, on a free loopback port, trusting 127.0.0.1 only.</summary>
    private sealed class ThrowawayCluster
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
                        cluster.WatchOverTestProcess();
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
        /// Stops the cluster and deletes its folder once this process is gone, however it ends: the test host may be
        /// killed before its exit handlers finish. The watcher runs detached (setsid -f) so it outlives the host.
        /// </summary>
        private void WatchOverTestProcess()
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

        private static string Quote(string path) => $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'";

        private static bool RunningAsRoot => Environment.UserName == "root";

        /// <summary>PATH first, then Debian's versioned folders, newest version first.</summary>
        private static string FindTool(string name)
        {
            var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, name));
            var debian = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var version) ? version : 0)
                    .Select(dir => Path.Combine(dir, "bin", name))
                : [];
            return onPath.Concat(debian).FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException(
                    $"{name} not found on PATH or in /usr/lib/postgresql/*/bin: apt-get install postgresql, "
                    + $"or set {EnvironmentVariable} to a connection string for a server where the user may CREATE DATABASE.");
        }

        private static int FreeLoopbackPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static (int Code, string Output) Run(string tool, string[] arguments, bool asPostgres, bool throwOnFailure = true)
        {
            var start = new ProcessStartInfo(asPostgres ? "runuser" : tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetTempPath(),
            };
            if (asPostgres)
            {
                foreach (var argument in (string[])["-u", "postgres", "--", tool])
                {
                    start.ArgumentList.Add(argument);
                }
            }
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)
                ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var output = stdout + stderr.GetAwaiter().GetResult();
            if (throwOnFailure && process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{start.FileName} {string.Join(' ', start.ArgumentList)} failed with exit code {process.ExitCode}:\n{output}");
            }
            return (process.ExitCode, output);
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
}
