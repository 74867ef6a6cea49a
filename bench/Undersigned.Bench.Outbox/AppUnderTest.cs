using System.Diagnostics;
using System.Globalization;

namespace Undersigned.Bench.Outbox;

/// <summary>
/// The real app, run from its Release build as a child process on a loopback port, with its output in a log file
/// and its id in a .pid file so that bench/outbox.sh can end it even if this process dies first.
/// </summary>
public sealed class AppUnderTest : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly string pidFile;

    private AppUnderTest(Process process, StreamWriter log, string pidFile, string logPath, Uri address)
    {
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
        LogPath = logPath;
        Address = address;
    }

    public Uri Address { get; }

    public string LogPath { get; }

    public int Id => process.Id;

    public static async Task<AppUnderTest> StartAsync(string appDll, string workDir, string name,
        IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(appDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(appDll));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        // Production needs its public address; plain HTTP on loopback, so cookies and HSTS follow the request.
        start.Environment["App__PublicUrl"] = address.ToString().TrimEnd('/');
        start.Environment["App__AllowPlainHttp"] = "true";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var logPath = Path.Combine(workDir, $"app-{name}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var pidFile = Path.Combine(workDir, $"app-{name}.pid");
        await File.WriteAllTextAsync(pidFile, process.Id.ToString(CultureInfo.InvariantCulture), ct);
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppUnderTest(process, log, pidFile, logPath, address);
        try
        {
            await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90), ct);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} at start; see {LogPath}.");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                // Not listening yet, or too busy starting to answer within the request timeout.
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"The app did not answer /healthz within {timeout.TotalSeconds:0} s; see {LogPath}.");
    }

    /// <summary>Peak resident set size so far (VmHWM), in MiB.</summary>
    public double PeakRssMiB() => ProcStatus.PeakRssKiB(process.Id) / 1024.0;

    /// <summary>User plus system CPU time the app has used so far.</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        process.Dispose();
        await log.DisposeAsync();
        File.Delete(pidFile);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
    }
}
