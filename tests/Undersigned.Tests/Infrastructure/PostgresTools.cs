using System.Diagnostics;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// Debian's PostgreSQL command-line tools: where they are, and running them (as the postgres user when root).
/// Linked into bench/Undersigned.Bench.Outbox with <see cref="ThrowawayCluster"/>.
/// </summary>
internal static class PostgresTools
{
    public static string Quote(string path) => $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    public static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>PATH first, then Debian's versioned folders, newest version first.</summary>
    public static string FindTool(string name)
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
            ?? throw new FileNotFoundException($"{name} not found on PATH or in /usr/lib/postgresql/*/bin: apt-get install postgresql.", name);
    }

    public static (int Code, string Output) Run(string tool, string[] arguments, bool asPostgres, bool throwOnFailure = true)
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
}
