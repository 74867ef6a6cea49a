using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Email;

/// <summary>Double opt-in as a signer lives it: the email arrives over SMTP, its link counts them, once.</summary>
public sealed class ConfirmationTests(PerDatabase<MailAppFixture> apps, ITestOutputHelper output)
    : IntegrationTest<MailAppFixture>(apps, output)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    private SmtpSink Sink => Fixture.Sink;

    [Theory, OnEachDatabase]
    public async Task The_button_on_the_linked_page_counts_the_signature_once(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var before = await ApiCountAsync(Demo);
        var form = new SignatureForm();
        using var signer = NewSigner();

        using var signed = await signer.SignAsync(Demo, form);

        Assert.Equal($"/p/{Demo}/thanks?status=check-email", signed.RedirectTarget());
        Assert.Equal(before, await ApiCountAsync(Demo));
        await Sink.WaitUntilAsync(s => s.To(form.Email!).Any(), MailWait, "the confirmation email");
        var message = Sink.To(form.Email!).Single();
        Assert.Null(message.Headers["List-Unsubscribe"]);
        var link = $"/p/{Demo}/confirm/{MailAppFixture.ConfirmationToken(message, Demo)}";

        var confirmed = await ConfirmationPage.ConfirmAsync(signer.Http, link);

        Assert.Equal("Your signature is confirmed", confirmed.QuerySelector("h1")!.TextContent);
        Assert.Equal(before + 1, CountShownOn(confirmed));
        Assert.NotNull(confirmed.QuerySelector(".share-links a[href^='https://wa.me/']"));
        Assert.Equal(before + 1, await ApiCountAsync(Demo));
        Assert.Equal(before + 1, await PageCountAsync(Demo));
        Assert.Equal(SignatureStatus.Counted, await StatusAsync(form.Email!));
    }

    [Theory, OnEachDatabase]
    public async Task Confirming_logs_no_warning_and_no_cache_may_keep_the_pages(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (_, token) = await SignAndReadTokenAsync(Demo);
        var link = $"/p/{Demo}/confirm/{token}";
        using var signer = NewSigner();
        var warnings = Fixture.Log.Warnings.Count;

        using var opened = await signer.Http.GetAsync(link);
        var fields = ConfirmationPage.Fields(ConfirmationPage.FormOf(await opened.ReadPageAsync()));
        using var pressed = await ConfirmationPage.PressAsync(signer.Http, link, fields);
        using var shown = await signer.Http.GetAsync(pressed.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(HttpStatusCode.Found, pressed.StatusCode);
        Assert.Equal("Your signature is confirmed", (await shown.ReadPageAsync()).QuerySelector("h1")!.TextContent);
        foreach (var page in new[] { opened, shown })
        {
            Assert.True(page.Headers.CacheControl?.NoStore, $"{page.RequestMessage!.RequestUri} may be stored: {page.Headers.CacheControl}");
        }
        // Each confirmation used to log antiforgery's "Cache-Control and Pragma headers have been overridden".
        Assert.Empty(Fixture.Log.Warnings.Skip(warnings));
    }

    [Theory, OnEachDatabase]
    public async Task A_mail_scanner_opening_the_link_counts_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (email, token) = await SignAndReadTokenAsync(Demo);
        var before = await StoredAsync();
        var title = await App.QueryAsync(db => db.Petitions.Where(p => p.Slug == Demo).Select(p => p.Title).SingleAsync());

        // A scanner fetches the link with no cookies, maybe more than once, and follows nothing it cannot see.
        for (var scan = 0; scan < 3; scan++)
        {
            using var scanner = App.CreateHttpClient();
            using var opened = await scanner.GetAsync($"/p/{Demo}/confirm/{token}");
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            Assert.Contains("no-store", opened.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            var page = await opened.ReadPageAsync();
            Assert.Equal("Confirm your signature", page.QuerySelector("h1")!.TextContent);
            Assert.Equal(title, page.QuerySelector("main h2")!.TextContent);
            Assert.NotNull(page.QuerySelector("main .summary"));
            Assert.Equal("Confirm my signature", page.QuerySelector("main form button")!.TextContent.Trim());
        }

        Assert.Equal(before, await StoredAsync());
        Assert.Equal(SignatureStatus.Pending, await StatusAsync(email));
        Assert.Null(await App.QueryAsync(db => db.Signatures.Where(s => s.Email == email).Select(s => s.ConfirmedAt).SingleAsync()));
    }

    [Theory, OnEachDatabase]
    public async Task Opening_the_link_twice_and_pressing_twice_counts_once(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (email, token) = await SignAndReadTokenAsync(Demo);
        var link = $"/p/{Demo}/confirm/{token}";
        var before = await ApiCountAsync(Demo);
        using var signer = NewSigner();
        await ConfirmationPage.OpenAsync(signer.Http, link);
        var fields = await ConfirmationPage.OpenAsync(signer.Http, link);

        using var pressed = await ConfirmationPage.PressAsync(signer.Http, link, fields);
        using var again = await ConfirmationPage.PressAsync(signer.Http, link, fields);

        Assert.Equal("Your signature is confirmed", (await ConfirmationPage.FollowAsync(signer.Http, link, pressed)).QuerySelector("h1")!.TextContent);
        var already = await ConfirmationPage.FollowAsync(signer.Http, link, again);
        Assert.Equal("Your signature was already confirmed", already.QuerySelector("h1")!.TextContent);
        Assert.Equal(before + 1, CountShownOn(already));
        Assert.Equal(before + 1, await ApiCountAsync(Demo));
        Assert.Equal(SignatureStatus.Counted, await StatusAsync(email));

        // The link opened later, by its owner or a scanner: the page says so, with no button and no change.
        var later = await GetPageAsync(link);
        Assert.Equal("Your signature was already confirmed", later.QuerySelector("h1")!.TextContent);
        Assert.Empty(later.QuerySelectorAll("main form"));
        Assert.Equal(before + 1, await ApiCountAsync(Demo));
    }

    [Theory, OnEachDatabase]
    public async Task A_press_without_the_pages_antiforgery_token_is_refused_and_counts_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (email, token) = await SignAndReadTokenAsync(Demo);
        var link = $"/p/{Demo}/confirm/{token}";
        var before = await StoredAsync();
        using var signer = NewSigner();
        var fields = await ConfirmationPage.OpenAsync(signer.Http, link);

        // A bare POST, an empty form, and the page's own token replayed without the cookie it belongs to.
        using (var scanner = App.CreateHttpClient())
        {
            using var bare = await scanner.PostAsync(link, null);
            Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
            using var replayed = await scanner.PostAsync(link, new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        }
        using var empty = await signer.Http.PostAsync(link, new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        Assert.Equal(before, await StoredAsync());
        Assert.Equal(SignatureStatus.Pending, await StatusAsync(email));
    }

    [Theory, OnEachDatabase]
    public async Task Tampered_truncated_unknown_and_foreign_tokens_confirm_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var other = await AddPetitionAsync(PetitionStatus.Open);
        var (_, demoToken) = await SignAndReadTokenAsync(Demo);
        var (_, otherToken) = await SignAndReadTokenAsync(other);
        var before = await StoredCountsAsync(other);
        var tampered = (demoToken[0] == 'A' ? 'B' : 'A') + demoToken[1..];
        var forged = Convert.ToBase64String(new byte[32]).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        foreach (var (slug, token) in new[]
        {
            (Demo, tampered), (Demo, demoToken[..20]), (Demo, demoToken + "A"), (Demo, forged), (Demo, "\r\n"),
            (Demo, "<script>alert(1)</script>"), (Demo, otherToken), (other, demoToken),
        })
        {
            var link = $"/p/{slug}/confirm/{Uri.EscapeDataString(token)}";
            var page = await GetPageAsync(link, HttpStatusCode.NotFound);
            Assert.NotNull(page.QuerySelector($"a[href='/p/{slug}/resend']"));
            Assert.Empty(page.QuerySelectorAll("main form"));
            using var pressed = await PostWithTokenAsync(link);
            Assert.Equal(HttpStatusCode.NotFound, pressed.StatusCode);
        }

        // Kestrel refuses an encoded NUL in a path before the app sees it.
        using (var client = App.CreateHttpClient())
        using (var nul = await client.GetAsync($"/p/{Demo}/confirm/%00{demoToken[1..]}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        }
        Assert.Equal(before, await StoredCountsAsync(other));
    }

    [Theory, OnEachDatabase]
    public async Task An_expired_link_offers_a_new_one_and_counts_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (email, token) = await SignAndReadTokenAsync(Demo);
        await App.QueryAsync(db => db.SignatureTokens
            .Where(t => db.Signatures.Any(s => s.Id == t.SignatureId && s.Email == email))
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var before = await ApiCountAsync(Demo);

        var page = await GetPageAsync($"/p/{Demo}/confirm/{token}", HttpStatusCode.Gone);
        using var pressed = await PostWithTokenAsync($"/p/{Demo}/confirm/{token}");

        Assert.Contains("expired", page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(page.QuerySelector($"a[href='/p/{Demo}/resend']"));
        Assert.Empty(page.QuerySelectorAll("main form"));
        Assert.Equal(HttpStatusCode.Gone, pressed.StatusCode);
        Assert.Contains("expired", (await pressed.ReadPageAsync()).Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await ApiCountAsync(Demo));
        Assert.Equal(SignatureStatus.Pending, await StatusAsync(email));
    }

    [Theory, OnEachDatabase]
    public async Task Temporary_refusals_are_retried_and_permanent_ones_are_not(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var later = new SignatureForm();
        var never = new SignatureForm();
        Sink.Refuse[later.Email!] = (SmtpServer.Protocol.SmtpReplyCode)451;
        Sink.Refuse[never.Email!] = SmtpServer.Protocol.SmtpReplyCode.MailboxUnavailable;
        foreach (var form in new[] { later, never })
        {
            using var signer = NewSigner();
            using var _ = await signer.SignAsync(Demo, form);
        }

        await WaitForOutboxAsync(never.Email!, m => m.FailedAt != null);
        await WaitForOutboxAsync(later.Email!, m => m.LastError != null && m.FailedAt == null);
        Sink.Refuse.TryRemove(later.Email!, out _);

        await Sink.WaitUntilAsync(s => s.To(later.Email!).Any(), MailWait, "the retried confirmation");
        var failed = await OutboxRowAsync(never.Email!);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("550", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(Sink.To(never.Email!));
    }

    [Theory, OnEachDatabase]
    public async Task Unconfirmed_signatures_past_their_lifetime_are_deleted_and_counts_stay(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (email, _) = await SignAndReadTokenAsync(Demo);
        await App.QueryAsync(db => db.Signatures.Where(s => s.Email == email)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAt, DateTime.UtcNow.AddDays(-30))));
        var counted = await App.QueryAsync(db => db.Signatures.CountAsync(s => s.Status == SignatureStatus.Counted));
        var before = await ApiCountAsync(Demo);

        var removed = await App.Services.GetRequiredService<Undersigned.Features.Signing.UnconfirmedSignatureSweeper>()
            .SweepAsync(CancellationToken.None);

        Assert.True(removed >= 1);
        Assert.False(await App.QueryAsync(db => db.Signatures.AnyAsync(s => s.Email == email)));
        Assert.Equal(counted, await App.QueryAsync(db => db.Signatures.CountAsync(s => s.Status == SignatureStatus.Counted)));
        Assert.Equal(before, await ApiCountAsync(Demo));
        Assert.False(await App.QueryAsync(db => db.SignatureTokens.AnyAsync(t => !db.Signatures.Any(s => s.Id == t.SignatureId))));
    }

    private async Task<(string Email, string Token)> SignAndReadTokenAsync(string slug)
    {
        var form = new SignatureForm();
        using var signer = NewSigner();
        using var response = await signer.SignAsync(slug, form);
        Assert.Equal($"/p/{slug}/thanks?status=check-email", response.RedirectTarget());
        await Sink.WaitUntilAsync(s => s.To(form.Email!).Any(), MailWait, $"the confirmation for {slug}");
        return (form.Email!, MailAppFixture.ConfirmationToken(Sink.To(form.Email!).Single(), slug));
    }

    /// <summary>
    /// Posts to a link with a valid antiforgery token and its cookie, taken from another page (a bad link's page has
    /// no form), so that only the link decides the answer.
    /// </summary>
    private async Task<HttpResponseMessage> PostWithTokenAsync(string link)
    {
        using var visitor = NewSigner();
        var token = await ResendFormTokenAsync(visitor);
        return await visitor.Http.PostAsync(link, new FormUrlEncodedContent([new(Signer.TokenField, token)]));
    }

    private Task<SignatureStatus> StatusAsync(string email) => App.QueryAsync(db =>
        db.Signatures.Where(s => s.Email == email).Select(s => s.Status).SingleAsync());

    /// <summary>The antiforgery token of the resend page's form, with its cookie now in the visitor's jar.</summary>
    internal static async Task<string> ResendFormTokenAsync(Signer asker)
    {
        using var page = await asker.Http.GetAsync($"/p/{Demo}/resend");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return (await page.ReadPageAsync()).QuerySelector($"input[name={Signer.TokenField}]")!.GetAttribute("value")!;
    }

    private Task<(int, int)> StoredCountsAsync(string other) => App.QueryAsync(async db =>
        (await db.Petitions.Where(p => p.Slug == Demo).Select(p => p.SignatureCount).SingleAsync(),
         await db.Petitions.Where(p => p.Slug == other).Select(p => p.SignatureCount).SingleAsync()));

    private Task<OutboxMessage> OutboxRowAsync(string email) => App.QueryAsync(db => db.OutboxMessages.AsNoTracking()
        .SingleAsync(m => db.Signatures.Any(s => s.Id == m.SignatureId && s.Email == email)));

    private async Task WaitForOutboxAsync(string email, Func<OutboxMessage, bool> condition)
    {
        var deadline = DateTime.UtcNow + MailWait;
        while (!condition(await OutboxRowAsync(email)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The outbox row for {email} never reached the expected state.");
            await Task.Delay(100);
        }
    }
}
