using System.Diagnostics;

namespace Undersigned.Bench.Outbox;

/// <summary>
/// A PostgreSQL cluster of its own in the work folder, listening on 127.0.0.1 only, removed afterwards. initdb
/// refuses to run as root, so as root the tools run as the postgres user in a folder that user owns.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string folder;
    private readonly string bin;

    private ThrowawayPostgres(string folder, string bin, int port)
    {
        this.folder = folder;
        this.bin = bin;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=undersigned_bench";
    }

    public string ConnectionString { get; }

    private string Data => Path.Combine(folder, "data");

    public static async Task<ThrowawayPostgres> StartAsync(string workDir, CancellationToken ct)
    {
        var bin = FindBin();
        var folder = Path.Combine(workDir, "pg");
        Directory.CreateDirectory(folder);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", folder, ct, "-R", "postgres:postgres", folder);
        }
        var pg = new ThrowawayPostgres(folder, bin, FreePort.Next());
        try
        {
            var port = new Npgsql.NpgsqlConnectionStringBuilder(pg.ConnectionString).Port;
            await pg.RunToolAsync("initdb", ct, "-D", pg.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
            await pg.RunToolAsync("pg_ctl", ct, "-D", pg.Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
                "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {folder}", "start");
            return pg;
        }
        catch
        {
            await pg.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            await RunToolAsync("pg_ctl", CancellationToken.None, "-D", Data, "-m", "immediate", "-w", "stop");
        }
        Directory.Delete(folder, recursive: true);
    }

    private Task RunToolAsync(string tool, CancellationToken ct, params string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", folder, ct, ["-u", "postgres", "--", Path.Combine(bin, tool), .. args])
            : RunAsync(Path.Combine(bin, tool), folder, ct, args);

    private static async Task RunAsync(string file, string workingDirectory, CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}{await errors}");
        }
    }

    /// <summary>Debian's PostgreSQL server tools (initdb and pg_ctl are not on PATH by default).</summary>
    private static string FindBin()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            : [];
        return candidates.Append("/usr/local/bin").FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL's initdb was not found; install Debian's postgresql package.");
    }
}
