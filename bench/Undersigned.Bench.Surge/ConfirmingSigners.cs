using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace Undersigned.Bench.Surge;

/// <summary>
/// Signers who open the link in their confirmation email and press "Confirm my signature", as a browser does:
/// GET the link (a fresh antiforgery cookie and the token in the page's form), then POST that form back to the same
/// address with the cookie, without following the redirect. Each comes from an address of its own through the
/// proxy the app trusts (X-Forwarded-For). Logs "C time outcome get-µs post-µs": confirmed (the redirect says
/// done=counted: confirmed by this press, and counted, or held if the signature was held for review), already (a
/// redirect without it), no-form (the page had no button: confirmed before), or the status of what went wrong.
/// </summary>
public sealed partial class ConfirmingSigners : IAsyncDisposable
{
    private readonly Channel<string> links = Channel.CreateUnbounded<string>();
    private readonly EventLog events;
    private readonly HttpClient http;
    private readonly Task[] workers;

    public ConfirmingSigners(int count, EventLog events)
    {
        this.events = events;
        http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = count,
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        workers = [.. Enumerable.Range(0, count).Select(_ => Task.Run(WorkAsync))];
    }

    public void Confirm(string link) => links.Writer.TryWrite(link);

    private async Task WorkAsync()
    {
        await foreach (var link in links.Reader.ReadAllAsync())
        {
            string outcome;
            long getMicros = 0, postMicros = 0;
            try
            {
                (outcome, getMicros, postMicros) = await ConfirmAsync(link);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                outcome = "error";
            }
            events.Add("C", outcome, getMicros, postMicros);
        }
    }

    private async Task<(string Outcome, long GetMicros, long PostMicros)> ConfirmAsync(string link)
    {
        var from = $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";
        var started = Stopwatch.GetTimestamp();
        using var get = new HttpRequestMessage(HttpMethod.Get, link);
        get.Headers.Add("X-Forwarded-For", from);
        using var page = await http.SendAsync(get);
        var html = await page.Content.ReadAsStringAsync();
        var getMicros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        if (page.StatusCode != HttpStatusCode.OK)
        {
            return ($"get-{(int)page.StatusCode}", getMicros, 0);
        }
        var token = Token().Match(html);
        var cookie = page.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("undersigned-form=", StringComparison.Ordinal))
            : null;
        if (!token.Success || cookie is null)
        {
            return ("no-form", getMicros, 0); // confirmed already (the page shows no button), or a page without a form
        }

        started = Stopwatch.GetTimestamp();
        using var post = new HttpRequestMessage(HttpMethod.Post, link)
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))]),
        };
        post.Headers.Add("X-Forwarded-For", from);
        post.Headers.Add("Cookie", cookie);
        using var answer = await http.SendAsync(post);
        await answer.Content.ReadAsByteArrayAsync();
        var postMicros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        var location = answer.Headers.Location?.OriginalString ?? "";
        var outcome = answer.StatusCode != HttpStatusCode.Redirect ? ((int)answer.StatusCode).ToString(CultureInfo.InvariantCulture)
            : location.Contains("done=counted", StringComparison.Ordinal) ? "confirmed"
            : "already";
        return (outcome, getMicros, postMicros);
    }

    public async ValueTask DisposeAsync()
    {
        links.Writer.TryComplete();
        // Links still queued when the script stops are dropped: it has read what it needs by then.
        await Task.WhenAny(Task.WhenAll(workers), Task.Delay(TimeSpan.FromSeconds(2)));
        http.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
