using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Parser;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// People signing at once over real HTTP, as a surge brings them, against one app instance or several behind an
/// imagined load balancer: each lane opens the petition page on one instance and posts the form to the next one, so
/// with two instances every form is issued by one and accepted (or not) by the other. Every sign request has an email
/// no one used before, and what it came to is kept in <see cref="Attempts"/>. Nothing here fails a test by itself:
/// 5xx answers and dropped connections are recorded, for the test to judge.
/// </summary>
public sealed class SigningCrowd : IAsyncDisposable
{
    private static readonly HtmlParser Parser = new();

    private readonly HttpClient[] instances;
    private readonly string slug;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> lanes = [];

    /// <param name="addresses">The instances, as a load balancer would spread people over them.</param>
    /// <param name="slug">The petition everyone signs.</param>
    /// <param name="answerWithin">How long a person waits for an answer before giving up (recorded as no answer).</param>
    public SigningCrowd(IReadOnlyList<Uri> addresses, string slug, TimeSpan? answerWithin = null)
    {
        this.slug = slug;
        instances = addresses.Select(address => new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false, // each person's cookie is carried by hand, to whichever instance they reach
            AutomaticDecompression = DecompressionMethods.None,
        })
        { BaseAddress = address, Timeout = answerWithin ?? TimeSpan.FromSeconds(10) }).ToArray();
    }

    public ConcurrentQueue<SignAttempt> Attempts { get; } = new();

    /// <summary>Petition pages that could not be opened, with the phase they failed in.</summary>
    public ConcurrentQueue<string> PageFailures { get; } = new();

    /// <summary>
    /// True (the default): every signature is a new visitor, who opens the page and then signs. False: each lane opens
    /// the page once and then signs again and again with new people's details, like a tablet at a campaign stall.
    /// </summary>
    public bool NewVisitorEachTime { get; init; } = true;

    /// <summary>A lane's pause after each answer, to keep the load gentle.</summary>
    public TimeSpan Pause { get; init; }

    /// <summary>A label the test moves on ("healthy", "outage", ...); each attempt keeps the one it was sent in.</summary>
    public string Phase
    {
        get => Volatile.Read(ref phase);
        set => Volatile.Write(ref phase, value);
    }

    private string phase = "start";

    public int Acknowledged => Attempts.Count(a => a.Acknowledged);

    public void Start(int lanesCount)
    {
        for (var lane = 0; lane < lanesCount; lane++)
        {
            var (openOn, postTo) = (lane % instances.Length, (lane + 1) % instances.Length);
            lanes.Add(Task.Run(() => RunLaneAsync(openOn, postTo, stopping.Token)));
        }
    }

    /// <summary>Lets every lane finish the request it has in flight (each is bounded by the answer timeout), then stops.</summary>
    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(lanes);
        lanes.Clear();
    }

    public async Task WaitUntilAsync(Func<SigningCrowd, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0}s for {what}; {Attempts.Count} sign request(s) "
                    + $"so far, {Acknowledged} acknowledged; answers: {Summary()}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>How the attempts ended, grouped, for test output and failure messages.</summary>
    public string Summary(IEnumerable<SignAttempt>? attempts = null) => string.Join(", ",
        (attempts ?? Attempts).GroupBy(a => a.Outcome).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} × {g.Key}"));

    /// <summary>A visitor opens the petition page on one instance and gets its form token and antiforgery cookie.</summary>
    public async Task<Visitor> OpenAsync(int instance)
    {
        using var response = await instances[instance].GetAsync($"/p/{slug}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /p/{slug} on instance {instance} answered {(int)response.StatusCode}.");
        }
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        var token = page.QuerySelector($"form input[name={Signer.TokenField}]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"/p/{slug} has no sign form with an antiforgery token.");
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set)
            ? string.Join("; ", set.Select(c => c.Split(';')[0]))
            : "";
        return new Visitor(instance, token, cookies);
    }

    /// <summary>The visitor submits the sign form to an instance (the one they opened it on, or another).</summary>
    public async Task<SignAttempt> SubmitAsync(Visitor visitor, SignatureForm form, int instance)
    {
        var phaseAtSend = Phase;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/p/{slug}")
        {
            Content = new FormUrlEncodedContent(form.Fields().Prepend(new(Signer.TokenField, visitor.Token))),
        };
        if (visitor.Cookies.Length > 0)
        {
            request.Headers.Add("Cookie", visitor.Cookies);
        }
        var clock = Stopwatch.StartNew();
        SignAttempt attempt;
        try
        {
            using var response = await instances[instance].SendAsync(request);
            attempt = new SignAttempt(form.Email!, phaseAtSend, visitor.OpenedOn, instance, response.StatusCode,
                response.RedirectTarget(), response.Headers.RetryAfter?.ToString(), null, clock.Elapsed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // A reset connection, a refused one, or no answer within the timeout: the person never heard back.
            attempt = new SignAttempt(form.Email!, phaseAtSend, visitor.OpenedOn, instance, null, null, null,
                $"{e.GetType().Name}: {e.Message}", clock.Elapsed);
        }
        Attempts.Enqueue(attempt);
        return attempt;
    }

    public async ValueTask DisposeAsync()
    {
        if (lanes.Count > 0)
        {
            await StopAsync();
        }
        foreach (var client in instances)
        {
            client.Dispose();
        }
        stopping.Dispose();
    }

    private async Task RunLaneAsync(int openOn, int postTo, CancellationToken stop)
    {
        Visitor? visitor = null;
        while (!stop.IsCancellationRequested)
        {
            if (visitor is null || NewVisitorEachTime)
            {
                try
                {
                    visitor = await OpenAsync(openOn);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    PageFailures.Enqueue($"{Phase}: {e.Message}");
                    await RestAsync(TimeSpan.FromMilliseconds(100), stop);
                    continue;
                }
            }
            var attempt = await SubmitAsync(visitor, new SignatureForm { FirstName = "Surge", LastName = $"Lane {openOn}" }, postTo);
            // A lane whose instance is gone does not spin on refused connections.
            await RestAsync(attempt.Answered ? Pause : TimeSpan.FromMilliseconds(100), stop);
        }
    }

    private static async Task RestAsync(TimeSpan pause, CancellationToken stop)
    {
        if (pause <= TimeSpan.Zero)
        {
            return;
        }
        try
        {
            await Task.Delay(pause, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the lane ends at the top of its loop.
        }
    }
}

/// <summary>Someone with the petition page open: the form's hidden token and the cookie that came with it.</summary>
public sealed record Visitor(int OpenedOn, string Token, string Cookies);

/// <summary>One sign request and what the person who sent it saw.</summary>
public sealed record SignAttempt(string Email, string Phase, int OpenedOn, int PostedTo, HttpStatusCode? Status,
    string? RedirectTarget, string? RetryAfter, string? Failure, TimeSpan Took)
{
    public bool Answered => Status is not null;

    /// <summary>The success answer: a redirect to the thank-you page (counted, or check your email).</summary>
    public bool Acknowledged => Status == HttpStatusCode.Found
        && RedirectTarget?.Split('?')[0].EndsWith("/thanks", StringComparison.Ordinal) == true;

    /// <summary>What the thank-you page was told (<c>check-email</c>), or null for a petition that counts at once.</summary>
    public string? ThanksStatus => RedirectTarget?.Split('?') is [_, var query]
        ? query.Split('&').Select(p => p.Split('=')).Where(p => p[0] == "status").Select(p => p[1]).FirstOrDefault()
        : null;

    /// <summary>One word for the kind of ending, for summaries: "302 thanks", "503", "no answer", ...</summary>
    public string Outcome => Status switch
    {
        null => "no answer",
        HttpStatusCode.Found when Acknowledged => ThanksStatus is { } s ? $"302 thanks ({s})" : "302 thanks",
        { } status => $"{(int)status}",
    };
}
