using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// The real executable in a process of its own, so a test can kill it as a crash would (SIGKILL, no shutdown)
/// and start it again on the same database.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private AppProcess(Process process, Uri address, string? publicHost)
    {
        this.process = process;
        Address = address;
        PublicHost = publicHost;
    }

    public Uri Address { get; }

    /// <summary>The host of <c>App:PublicUrl</c> when one is set: the Host header the app answers, and its health probe sends.</summary>
    public string? PublicHost { get; }

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Starts the app with the given configuration (as environment variables) and waits for /healthz.</summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Abuse:Enabled"] = "false", // load from one address; settings may switch it back on
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }
        var start = UndersignedExecutable.StartInfo(environment, AppContext.BaseDirectory);
        var publicHost = environment.TryGetValue("App:PublicUrl", out var publicUrl) ? new Uri(publicUrl).Authority : null;
        var app = new AppProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"), publicHost);
        app.process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app.process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        try
        {
            await app.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            app.Dispose(); // an app that never became healthy is not left running after the test
            throw;
        }
        return app;
    }

    /// <summary>How many threads the app runs right now: a pile-up of blocked requests shows here first.</summary>
    public int ThreadCount()
    {
        process.Refresh();
        return process.Threads.Count;
    }

    /// <summary>Ends the process at once, as a crash or an out-of-memory kill would.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Host = PublicHost;
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} before it was healthy:\n{Log}");
            }
            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The app was not healthy after {timeout.TotalSeconds:0}s:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
