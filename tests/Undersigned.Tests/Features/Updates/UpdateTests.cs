using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Email;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Updates;

/// <summary>
/// Updates as organizers post them and signers get them: who may post, who is emailed (once), what the page and
/// the email show of the Markdown, and leaving with one click.
/// </summary>
public sealed partial class UpdateTests(PerDatabase<MailAppFixture> apps, ITestOutputHelper output)
    : IntegrationTest<MailAppFixture>(apps, output)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    [Theory, OnEachDatabase]
    public async Task Only_admins_and_organizers_of_the_lead_may_open_or_post_updates(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (_, slug) = await App.QueryAsync(UpdateSetup.NewPetitionAsync);
        var path = $"/admin/petitions/{slug}/updates";

        using var anonymous = App.CreateHttpClient();
        using var signedOut = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/login", signedOut.RedirectTarget(), StringComparison.Ordinal);

        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, UpdateSetup.Lead);
        using var otherOrganizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, "daily-kos");
        foreach (var refused in new[] { partner, otherOrganizer })
        {
            using var response = await refused.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        // A form token of a page the organizer may open does not let them post to one they may not.
        using var lead = await StaffMember.LogInAsync(App, StaffRoles.Organizer, UpdateSetup.Lead);
        using var posted = await otherOrganizer.PostWithTokenBorrowedFromAsync("/account/two-factor", path,
            [new("Form.Title", "Not mine to post"), new("Form.Body", "Nor this.")]);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(0, await App.QueryAsync(db => db.PetitionUpdates.CountAsync(u => u.Title == "Not mine to post")));

        // The lead's organizer and an admin each open the form and post, and signers see both on the petition page.
        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        await PostAsync(lead, slug, "From the lead", "We met the librarian.");
        await PostAsync(admin, slug, "From an admin", "The branches stay open.");
        var page = await GetPageAsync($"/p/{slug}");
        Assert.Equal(["From an admin", "From the lead"], page.QuerySelectorAll(".updates .update h3").Select(h => h.TextContent));
    }

    [Theory, OnEachDatabase]
    public async Task An_update_is_shown_newest_first_and_emailed_once_to_each_counted_signer_who_asked(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (id, slug) = await App.QueryAsync(UpdateSetup.NewPetitionAsync);
        var signers = await App.QueryAsync(db => UpdateSetup.AddSignersAsync(db, id, optedIn: 5));
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, UpdateSetup.Lead);

        await PostAsync(organizer, slug, "We met the city council", "The council heard **you**.");
        await PostAsync(organizer, slug, "Delivered to the librarian", "Next: a *vote*.");
        await Fixture.Sink.WaitUntilAsync(s => signers.OptedIn.All(e => s.To(e).Count() == 2), MailWait, "both updates for every opted-in signer");
        await Task.Delay(TimeSpan.FromSeconds(1)); // time for a duplicate or a stray message to show up, if there were one

        Assert.All(signers.OptedIn, e => Assert.Equal(2, Fixture.Sink.To(e).Count()));
        Assert.All(signers.NotOptedIn.Concat(signers.NotCounted), e => Assert.Empty(Fixture.Sink.To(e)));
        var message = Fixture.Sink.To(signers.OptedIn[0]).First(m => m.Subject!.Contains("council", StringComparison.Ordinal));
        Assert.Contains("<strong>you</strong>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Matches("^<https?://[^>]+/unsubscribe/[A-Za-z0-9_-]+/one-click>$", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);

        var page = await GetPageAsync($"/p/{slug}");
        var titles = page.QuerySelectorAll(".updates .update h3").Select(h => h.TextContent).ToList();
        Assert.Equal(["Delivered to the librarian", "We met the city council"], titles);
        var stored = await App.QueryAsync(db => db.PetitionUpdates.Where(u => u.PetitionId == id).ToListAsync());
        Assert.All(stored, u => Assert.Equal(5, u.Recipients));
        Assert.All(stored, u => Assert.NotNull(u.EmailQueuedAt));
    }

    [Theory, OnEachDatabase]
    public async Task The_same_update_sent_twice_by_a_double_click_is_posted_and_emailed_once(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (id, slug) = await App.QueryAsync(UpdateSetup.NewPetitionAsync);
        var signers = await App.QueryAsync(db => UpdateSetup.AddSignersAsync(db, id, optedIn: 3, notOptedIn: 0));
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, UpdateSetup.Lead);
        var path = $"/admin/petitions/{slug}/updates";
        var form = (await organizer.FormAsync(path, PostButton)).Set("Form.Title", "Twice?").Set("Form.Body", "Once.");

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => form.SubmitAsync()));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Single(answers, a => a.RedirectTarget()!.Contains("done=already-posted", StringComparison.Ordinal));
        Assert.Equal(1, await App.QueryAsync(db => db.PetitionUpdates.CountAsync(u => u.PetitionId == id)));
        await Fixture.Sink.WaitUntilAsync(s => signers.OptedIn.All(e => s.To(e).Any()), MailWait, "the update");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.All(signers.OptedIn, e => Assert.Single(Fixture.Sink.To(e)));
    }

    [Theory, OnEachDatabase]
    public async Task Script_in_the_Markdown_is_stored_as_written_but_never_rendered_on_the_page_or_in_the_email(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (id, slug) = await App.QueryAsync(UpdateSetup.NewPetitionAsync);
        var signers = await App.QueryAsync(db => UpdateSetup.AddSignersAsync(db, id, optedIn: 1, notOptedIn: 0));
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, UpdateSetup.Lead);
        const string body = "Read this <script>alert('pwned')</script> and [click](javascript:alert(1)) <img src=x onerror=alert(2)>";

        await PostAsync(organizer, slug, "A script walks in", body);

        Assert.Equal(body, await App.QueryAsync(db => db.PetitionUpdates.Where(u => u.PetitionId == id).Select(u => u.Body).SingleAsync()));
        using var client = App.CreateHttpClient();
        var html = await client.GetStringAsync($"/p/{slug}");
        var update = Parse(html).QuerySelector(".update-body")!;
        AssertNoActiveContent(update.InnerHtml);
        Assert.Contains("Read this", update.TextContent, StringComparison.Ordinal);

        await Fixture.Sink.WaitUntilAsync(s => s.To(signers.OptedIn[0]).Any(), MailWait, "the update email");
        var message = Fixture.Sink.To(signers.OptedIn[0]).Single();
        AssertNoActiveContent(message.HtmlBody ?? "");
        Assert.Contains("Read this", message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory, OnEachDatabase]
    public async Task One_click_unsubscribe_works_with_a_bare_post_and_the_next_update_skips_that_signer(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (id, slug) = await App.QueryAsync(UpdateSetup.NewPetitionAsync);
        var signers = await App.QueryAsync(db => UpdateSetup.AddSignersAsync(db, id, optedIn: 2, notOptedIn: 0));
        var (leaving, staying) = (signers.OptedIn[0], signers.OptedIn[1]);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, UpdateSetup.Lead);
        await PostAsync(organizer, slug, "First news", "One.");
        await Fixture.Sink.WaitUntilAsync(s => signers.OptedIn.All(e => s.To(e).Any()), MailWait, "the first update");

        var oneClick = OneClickPath(Fixture.Sink.To(leaving).Single());
        // What a mail client sends (RFC 8058): a POST with this body, no cookies, no form token.
        using var bare = App.CreateHttpClient();
        using var first = await bare.PostAsync(oneClick, new StringContent("List-Unsubscribe=One-Click", null, "application/x-www-form-urlencoded"));
        using var again = await bare.PostAsync(oneClick, new StringContent("List-Unsubscribe=One-Click", null, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.False(await WantsUpdatesAsync(leaving));
        Assert.True(await WantsUpdatesAsync(staying));

        await PostAsync(organizer, slug, "Second news", "Two.");
        await Fixture.Sink.WaitUntilAsync(s => s.To(staying).Count() == 2, MailWait, "the second update");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(Fixture.Sink.To(leaving));
        Assert.Equal(1, await App.QueryAsync(db => db.PetitionUpdates.Where(u => u.PetitionId == id && u.Title == "Second news").Select(u => u.Recipients).SingleAsync()));
    }

    [Theory, OnEachDatabase]
    public async Task The_link_in_the_email_asks_before_it_unsubscribes(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (id, slug) = await App.QueryAsync(UpdateSetup.NewPetitionAsync);
        var signers = await App.QueryAsync(db => UpdateSetup.AddSignersAsync(db, id, optedIn: 1, notOptedIn: 0));
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, UpdateSetup.Lead);
        await PostAsync(organizer, slug, "News", "Some.");
        await Fixture.Sink.WaitUntilAsync(s => s.To(signers.OptedIn[0]).Any(), MailWait, "the update");
        var link = UnsubscribePagePath(Fixture.Sink.To(signers.OptedIn[0]).Single());
        using var reader = NewSigner();
        var warnings = Fixture.Log.Warnings.Count;

        using var opened = await reader.Http.GetAsync(link);
        Assert.True(opened.Headers.CacheControl?.NoStore);
        Assert.Empty(Fixture.Log.Warnings.Skip(warnings)); // not antiforgery's "Cache-Control ... overridden" either
        var page = Parse(await opened.Content.ReadAsStringAsync());
        using var headerOpened = await reader.Http.GetAsync(OneClickPath(Fixture.Sink.To(signers.OptedIn[0]).Single()));
        Assert.Equal(link, headerOpened.RedirectTarget());
        Assert.True(await WantsUpdatesAsync(signers.OptedIn[0])); // opening either link (as a mail scanner does) changes nothing
        using var withoutToken = await reader.Http.PostAsync(link, new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.True(await WantsUpdatesAsync(signers.OptedIn[0]));
        using var confirmed = await PageForm.On(reader.Http, link, page).SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.False(await WantsUpdatesAsync(signers.OptedIn[0]));
        var after = Parse(await (await reader.Http.GetAsync(link)).Content.ReadAsStringAsync());
        Assert.Contains("unsubscribed", after.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, OnEachDatabase]
    public async Task Forged_and_tampered_unsubscribe_links_answer_404_and_change_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (id, slug) = await App.QueryAsync(UpdateSetup.NewPetitionAsync);
        var signers = await App.QueryAsync(db => UpdateSetup.AddSignersAsync(db, id, optedIn: 1, notOptedIn: 0));
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, UpdateSetup.Lead);
        await PostAsync(organizer, slug, "News", "Some.");
        await Fixture.Sink.WaitUntilAsync(s => s.To(signers.OptedIn[0]).Any(), MailWait, "the update");
        var real = Regex.Match(OneClickPath(Fixture.Sink.To(signers.OptedIn[0]).Single()), "/unsubscribe/([^/]+)/").Groups[1].Value;
        var middle = real.Length / 2;
        var forged = new[]
        {
            real[..middle] + (real[middle] == 'A' ? 'B' : 'A') + real[(middle + 1)..], real[..^4], real + "AAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not-a-token", new string('A', 5000), "%3Cscript%3E",
        };
        using var bare = App.CreateHttpClient();

        foreach (var token in forged)
        {
            using var oneClick = await bare.PostAsync($"/unsubscribe/{token}/one-click", new StringContent("List-Unsubscribe=One-Click", null, "application/x-www-form-urlencoded"));
            Assert.Equal(HttpStatusCode.NotFound, oneClick.StatusCode);
            using var page = await bare.GetAsync($"/unsubscribe/{token}");
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Contains("not valid", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.True(await WantsUpdatesAsync(signers.OptedIn[0]));
        Assert.Equal(0, await App.QueryAsync(db => db.Signatures.CountAsync(s => s.PetitionId == id && s.Status == SignatureStatus.Counted && !s.WantsUpdates)));
    }

    [Theory, OnEachDatabase]
    public async Task A_form_with_errors_comes_back_with_the_typed_text_and_nothing_is_posted_or_sent(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (id, slug) = await App.QueryAsync(UpdateSetup.NewPetitionAsync);
        await App.QueryAsync(db => UpdateSetup.AddSignersAsync(db, id, optedIn: 1, notOptedIn: 0));
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, UpdateSetup.Lead);
        var path = $"/admin/petitions/{slug}/updates";

        var form = await organizer.FormAsync(path, PostButton);
        using var response = await form.Set("Form.Title", "  ").Set("Form.Body", "Kept as typed").SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.NotNull(page.QuerySelector("#Form_Title-error"));
        Assert.Equal("Kept as typed", page.QuerySelector("textarea#Form_Body")!.TextContent.Trim());
        Assert.Equal(0, await App.QueryAsync(db => db.PetitionUpdates.CountAsync(u => u.PetitionId == id)));
        Assert.Equal(0, await App.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "petition-update" && db.Signatures.Any(s => s.Id == m.SignatureId && s.PetitionId == id))));
    }

    private const string PostButton = "Post and email";

    private static async Task PostAsync(StaffMember organizer, string slug, string title, string body)
    {
        var form = await organizer.FormAsync($"/admin/petitions/{slug}/updates", PostButton);
        using var response = await form.Set("Form.Title", title).Set("Form.Body", body).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("done=posted", response.RedirectTarget(), StringComparison.Ordinal);
    }

    private Task<bool> WantsUpdatesAsync(string email) =>
        App.QueryAsync(db => db.Signatures.Where(s => s.Email == email).Select(s => s.WantsUpdates).SingleAsync());

    private static string OneClickPath(MimeMessage message) =>
        new Uri(message.Headers["List-Unsubscribe"]!.Trim('<', '>')).PathAndQuery;

    private static string UnsubscribePagePath(MimeMessage message)
    {
        var match = Regex.Match(message.TextBody ?? "", @"https?://\S+/unsubscribe/[A-Za-z0-9_-]+(?=\s)");
        Assert.True(match.Success, $"No unsubscribe link in:\n{message.TextBody}");
        return new Uri(match.Value).PathAndQuery;
    }

    private static void AssertNoActiveContent(string html)
    {
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        Assert.Empty(document.QuerySelectorAll("script, img, iframe"));
        Assert.DoesNotContain(document.QuerySelectorAll("*").SelectMany(e => e.Attributes),
            a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }
}
