using System.Diagnostics;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// The built app run as an operator runs it: <c>dotnet Undersigned.dll &lt;command&gt;</c> in a child process, with its
/// configuration in environment variables.
/// </summary>
public static class UndersignedExecutable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError)
    {
        public override string ToString() => $"exit code {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
    }

    public static Task<Outcome> RunAsync(TestDatabase database, params string[] arguments) =>
        RunWithInputAsync(database, null, arguments);

    /// <summary>Runs a command with <paramref name="input"/> on its standard input (a password, say).</summary>
    public static Task<Outcome> RunWithInputAsync(TestDatabase database, string? input, params string[] arguments) =>
        RunAsync(database.Settings, input, arguments);

    /// <summary>
    /// Runs the executable with these settings (no environment named: Production, unless the settings name one) until
    /// it exits; without arguments that is the web server, which is then expected to refuse to start.
    /// </summary>
    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string> settings, string? input, params string[] arguments)
    {
        // A folder of its own, so that nothing the process writes lands in the repository.
        var start = StartInfo(new Dictionary<string, string>(), Directory.CreateTempSubdirectory("undersigned-cli-").FullName);
        start.RedirectStandardInput = input is not null;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet Undersigned.dll {string.Join(' ', arguments)} did not exit within {Patience}.");
        }
        finally
        {
            TryDelete(start.WorkingDirectory);
        }
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// How to run the built app with the given configuration, passed as environment variables
    /// (<c>Database:Provider</c> → <c>Database__Provider</c>); used by <see cref="AppProcess"/> too.
    /// </summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> settings, string workingDirectory)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(AppAssembly());
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return start;
    }

    /// <summary>The app as built next to the tests (a project reference copies it here with its runtime config).</summary>
    private static string AppAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Undersigned.dll");
        return File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json"))
            ? path
            : throw new FileNotFoundException("The built app is not beside the tests; build tests/Undersigned.Tests first.", path);
    }

    /// <summary>The dotnet host that runs the tests (set by dotnet test), or the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
