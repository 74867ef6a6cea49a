using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Admin;

/// <summary>Writing, previewing, publishing and closing petitions through the admin pages, and the input they refuse.</summary>
public sealed class PetitionAdminTests(PerDatabase<AppFixture> apps, ITestOutputHelper output) : AdminTest(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task An_organizers_new_petition_is_a_draft_led_by_their_organization_until_published_then_closed(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, DemoLead);
        var slug = $"bike-paths-{Guid.NewGuid():N}"[..24];
        var create = await PetitionFormAsync(organizer, NewPetitionPage, PetitionFields(slug));
        // An organizer's form offers no choice of lead; one slipped into the request must not hand the petition away.
        create.Forge("Form.Lead", OtherOrganization);

        using var created = await create.SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(EditPath(slug) + "?saved", created.RedirectTarget());
        Assert.Equal("Draft", await ListedStatusAsync(organizer, slug));
        var stored = await StoredPetitionAsync(slug);
        Assert.Equal((PetitionStatus.Draft, 2500, CountingPolicy.OnConfirmation, PartnerOptInOffer.EveryOrganization),
            (stored.Status, stored.Goal, stored.CountingPolicy, stored.PartnerOptIns));
        Assert.Equal(DemoLead, Assert.Single(stored.Sponsorships, s => s.Role == SponsorRole.Lead).Organization!.Slug);
        await GetPageAsync($"/p/{slug}", HttpStatusCode.NotFound);
        Assert.Null((await GetPageAsync("/")).QuerySelector($"a[href='/p/{slug}']"));

        var publish = await organizer.FormAsync(EditPath(slug), "Publish");
        using var published = await publish.SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal("Light the bike paths at night", (await GetPageAsync($"/p/{slug}")).QuerySelector("h1")!.TextContent);
        Assert.Equal("Light the bike paths at night", (await GetPageAsync("/")).QuerySelector($"a[href='/p/{slug}']")?.TextContent);
        Assert.Equal("Open", await ListedStatusAsync(organizer, slug));

        using var closed = await (await organizer.FormAsync(EditPath(slug), "Close to new signatures")).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Null((await GetPageAsync($"/p/{slug}")).QuerySelector("form.sign-form"));
        Assert.Equal("Closed", await ListedStatusAsync(organizer, slug));
        // The Publish button of a tab opened while it was a draft: pressed now, it is a conflict, not a reopening.
        using var again = await publish.SubmitAsync();
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // No page offers to publish a petition not yet created.
        using var nothing = await organizer.PostWithTokenBorrowedFromAsync("/admin", NewPetitionPage + "?handler=Publish", []);
        Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);
        Assert.Equal(PetitionStatus.Closed, (await StoredPetitionAsync(slug)).Status);
    }

    [Theory, OnEachDatabase]
    public async Task Saving_a_published_petition_changes_what_its_public_page_shows(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var slug = await AddLedPetitionAsync(DemoLead, PetitionStatus.Open);
        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);

        var form = await PetitionFormAsync(admin, EditPath(slug), PetitionFields(slug, "Light the river path"));
        using var saved = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await GetPageAsync($"/p/{slug}");
        Assert.Equal("Light the river path", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("dark", page.QuerySelector(".petition-body strong")!.TextContent);
    }

    [Theory, OnEachDatabase]
    public async Task Preview_shows_the_body_sanitized_as_the_public_page_would_and_saves_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var slug = await AddLedPetitionAsync(DemoLead);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, DemoLead);
        var fields = PetitionFields(slug);
        fields["Form.Body"] = "## Heard\n\n<script>alert('x')</script> [click](javascript:alert(1)) ![t](https://tracker.example/p.gif) **loud**";

        var form = await PetitionFormAsync(organizer, EditPath(slug), fields);
        using var response = await form.SubmitAsync("Preview");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = (await response.ReadPageAsync()).QuerySelector(".preview .petition-body")!;
        Assert.Equal("Heard", preview.QuerySelector("h2")!.TextContent);
        Assert.Equal("loud", preview.QuerySelector("strong")!.TextContent);
        Assert.Null(preview.QuerySelector("script, img, a[href^='javascript']"));
        Assert.Equal("Libraries are where people study after work.", (await StoredPetitionAsync(slug)).Body);
    }

    public static TheoryData<string, string> BadValues => new()
    {
        { "Form.Goal", "-1" },
        { "Form.Goal", "99999999999999999999" },
        { "Form.Goal", "1e6" },
        { "Form.EndsOn", "2027-02-30" },
        { "Form.EndsOn", "9999-12-31" },
        { "Form.EndsOn", "2001-01-01" },
        { "Form.Title", new string('T', 201) },
        { "Form.Title", "A bell \u0007 in the title" },
        { "Form.Summary", "" },
        { "Form.Body", new string('b', 50_001) },
        { "Form.Slug", "Not A Slug" },
        { "Form.Slug", "../admin" },
        { "Form.Slug", "ab" },
        { "Form.TargetEmail", "ceo at example" },
        { "Form.CountingPolicy", "OnConfirmation,AtOnce" },
        { "Form.PartnerOptIns", "7" },
    };

    [Theory, OnEachDatabase(Rows = nameof(BadValues))]
    public async Task A_bad_value_gets_the_form_again_with_the_error_beside_it_and_changes_nothing(DatabaseProvider provider, string field, string value)
    {
        await UseAsync(provider);

        var slug = await AddLedPetitionAsync(DemoLead, PetitionStatus.Open);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, DemoLead);
        var before = await StoredPetitionAsync(slug);
        var fields = PetitionFields(slug, "A title that must not be saved");
        fields[field] = value;

        var form = await PetitionFormAsync(organizer, EditPath(slug), fields);
        using var response = await form.SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadPageAsync();
        var id = field.Replace('.', '_');
        Assert.NotNull(page.QuerySelector($"#{id}-error"));
        Assert.Single(page.QuerySelectorAll(".field-error"));
        Assert.Equal(fields["Form.Title"], page.QuerySelector("#Form_Title")!.GetAttribute("value"));
        Assert.Equal(fields["Form.Goal"], page.QuerySelector("#Form_Goal")!.GetAttribute("value"));
        var after = await StoredPetitionAsync(slug);
        Assert.Equal((before.Title, before.Goal, before.EndsAt, before.Slug), (after.Title, after.Goal, after.EndsAt, after.Slug));
    }

    [Theory, OnEachDatabase]
    public async Task A_taken_slug_is_a_form_error_also_when_two_creations_race_for_it(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        var slug = $"race-{Guid.NewGuid():N}"[..20];
        var fields = PetitionFields(slug);
        fields["Form.Lead"] = DemoLead;

        var create = await PetitionFormAsync(admin, NewPetitionPage, fields);
        // Six tabs with the same filled-in form, sent at once.
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => create.SubmitAsync()));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Redirect));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Redirect), a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        Assert.Equal(1, await App.QueryAsync(db => db.Petitions.CountAsync(p => p.Slug == slug)));
        var draft = await AddLedPetitionAsync(DemoLead);
        using var renamed = await (await PetitionFormAsync(admin, EditPath(draft), PetitionFields(slug))).SubmitAsync();
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Contains("already has this address", (await renamed.ReadPageAsync()).QuerySelector("#Form_Slug-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Keep the branch libraries open", (await StoredPetitionAsync(draft)).Title);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Theory, OnEachDatabase]
    public async Task A_published_petition_keeps_its_address(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var slug = await AddLedPetitionAsync(DemoLead, PetitionStatus.Open);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, DemoLead);

        using var response = await (await PetitionFormAsync(organizer, EditPath(slug), PetitionFields(slug + "-moved"))).SubmitAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("keeps its address", (await response.ReadPageAsync()).QuerySelector("#Form_Slug-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Keep the branch libraries open", (await StoredPetitionAsync(slug)).Title);
    }

    [Theory, OnEachDatabase]
    public async Task A_post_without_the_form_token_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var slug = await AddLedPetitionAsync(DemoLead, PetitionStatus.Open);
        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        var newSlug = $"csrf-{Guid.NewGuid():N}"[..20];
        var create = PetitionFields(newSlug);
        create["Form.Lead"] = DemoLead;

        foreach (var (url, fields) in new (string, Dictionary<string, string>)[]
        {
            (EditPath(slug) + "?handler=Close", []),
            (EditPath(slug), PetitionFields(slug, "Forged title")),
            (NewPetitionPage, create),
        })
        {
            using var response = await admin.Http.PostAsync(url, new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var stored = await StoredPetitionAsync(slug);
        Assert.Equal((PetitionStatus.Open, "Keep the branch libraries open"), (stored.Status, stored.Title));
        Assert.False(await App.QueryAsync(db => db.Petitions.AnyAsync(p => p.Slug == newSlug)));
    }

    /// <summary>The status the admin list shows beside the petition.</summary>
    private static async Task<string?> ListedStatusAsync(StaffMember member, string slug) =>
        (await member.GetPageAsync("/admin")).QuerySelectorAll(".admin-list li")
            .SingleOrDefault(li => li.QuerySelector($"a[href='{EditPath(slug)}']") is not null)?.QuerySelector(".status")?.TextContent;
}
