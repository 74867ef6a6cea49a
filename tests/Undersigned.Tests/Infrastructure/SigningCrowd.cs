using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Parser;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// People signing at once over real HTTP, as a surge brings them, against one app instance or several behind an
/// imagined load balancer: each lane opens the petition page on one instance and posts the form to the next one, so
/// with two instances every form is issued by one and accepted (or not) by the other. The lanes sign as a surge's
/// people do (<see cref="Mix"/>): half show their name, 30 % ask for updates, 10 % write a comment, 20 % come by a
/// partner's link and tick its share box, and 5 % sign again with an address this crowd had acknowledged before;
/// the rest of the sign requests have an email no one used before. What each came to is kept in
/// <see cref="Attempts"/>. Nothing here fails a test by itself: 5xx answers and dropped connections are recorded,
/// for the test to judge.
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

    /// <summary>The partner whose link brings a fifth of the lanes' signers, and whose share box they tick.</summary>
    public const string Partner = "daily-kos";

    /// <summary>
    /// Distinct addresses among the attempts that were acknowledged or, given <paramref name="stored"/>, stored
    /// without an answer: what the petition's count must be on a petition that counts at once.
    /// </summary>
    public static int People(IEnumerable<SignAttempt> attempts, Func<string, bool>? stored = null) =>
        attempts.Where(a => a.Acknowledged || stored?.Invoke(a.Email) == true).Select(a => a.Email).Distinct().Count();

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
    public async Task<Visitor> OpenAsync(int instance, bool byPartnerLink = false)
    {
        var path = byPartnerLink ? $"/p/{slug}?source={Partner}" : $"/p/{slug}";
        using var response = await instances[instance].GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} on instance {instance} answered {(int)response.StatusCode}.");
        }
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        var form = page.QuerySelector("form.sign-form")
            ?? throw new InvalidOperationException($"{path} has no sign form.");
        // Every hidden field the page put in the form (the token, the form's stamp), as a browser sends them.
        var hidden = form.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        if (!hidden.Any(f => f.Key == Signer.TokenField))
        {
            throw new InvalidOperationException($"{path} has no sign form with an antiforgery token.");
        }
        var share = byPartnerLink
            ? form.QuerySelector($"input[type=checkbox][value='{Partner}']")?.GetAttribute("name")
                ?? throw new InvalidOperationException($"{path} offers no share box for {Partner}.")
            : null;
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set)
            ? string.Join("; ", set.Select(c => c.Split(';')[0]))
            : "";
        return new Visitor(instance, path, hidden, share is null ? [] : [new(share, Partner)], cookies);
    }

    /// <summary>The visitor submits the sign form to an instance (the one they opened it on, or another).</summary>
    public async Task<SignAttempt> SubmitAsync(Visitor visitor, SignatureForm form, int instance)
    {
        var phaseAtSend = Phase;
        using var request = new HttpRequestMessage(HttpMethod.Post, visitor.Page)
        {
            Content = new FormUrlEncodedContent(visitor.Hidden.Concat(form.Fields()).Concat(visitor.Boxes)),
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
        var random = new Random(openOn * 7919 + postTo);
        while (!stop.IsCancellationRequested)
        {
            if (visitor is null || NewVisitorEachTime)
            {
                try
                {
                    visitor = await OpenAsync(openOn, byPartnerLink: random.Next(100) < 20);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    PageFailures.Enqueue($"{Phase}: {e.Message}");
                    await RestAsync(TimeSpan.FromMilliseconds(100), stop);
                    continue;
                }
            }
            var attempt = await SubmitAsync(visitor, Mix(random, openOn), postTo);
            // A lane whose instance is gone does not spin on refused connections.
            await RestAsync(attempt.Answered ? Pause : TimeSpan.FromMilliseconds(100), stop);
        }
    }

    /// <summary>One person of the surge's mix (see the class summary).</summary>
    private SignatureForm Mix(Random random, int lane)
    {
        var earlier = random.Next(100) < 5 ? Attempts.FirstOrDefault(a => a.Acknowledged && random.Next(4) == 0)?.Email : null;
        var form = new SignatureForm
        {
            FirstName = "Surge",
            LastName = $"Lane {lane}",
            ShowNamePublicly = random.Next(100) < 50,
            WantsUpdates = random.Next(100) < 30,
            Comment = random.Next(100) < 10 ? "Nobody should be listened to by the city's sensors ¡Basta ya! ✊🏿" : null,
        };
        return earlier is null ? form : form with { Email = earlier };
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

/// <summary>
/// Someone with the petition page open: the page's address, the form's hidden fields (its antiforgery token among
/// them), the share boxes they tick, and the cookie that came with the page.
/// </summary>
public sealed record Visitor(int OpenedOn, string Page, IReadOnlyList<KeyValuePair<string, string>> Hidden,
    IReadOnlyList<KeyValuePair<string, string>> Boxes, string Cookies);

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
