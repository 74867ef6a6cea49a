using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Admin;

/// <summary>The lead's organizers choose a petition's partners, their order, and which of them may download signers.</summary>
public sealed class SponsorshipAdminTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : AdminTest(apps, output)
{
    private const string Acre = "Action Center on Race and the Economy";

    [Theory, OnEachDatabase]
    public async Task Organizers_add_order_allow_and_remove_partners_and_the_petition_page_follows(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var slug = await AddLedPetitionAsync(DemoLead, PetitionStatus.Open);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, DemoLead);
        var page = $"/admin/petitions/{slug}/sponsors";

        await ExpectRedirectAsync((await organizer.FormAsync(page, "Add partner")).Set("organization", "daily-kos"));
        var addAcre = (await organizer.FormAsync(page, "Add partner")).Set("organization", "acre");
        await ExpectRedirectAsync(addAcre);
        await ExpectRedirectAsync(await organizer.FormAsync(page, $"Move {Acre} up"));
        await ExpectRedirectAsync(await organizer.FormAsync(page, $"Allow downloads for {Acre}"));

        var partners = (await GetPageAsync($"/p/{slug}")).QuerySelectorAll(".partner-list li").Select(li => li.TextContent.Trim());
        Assert.Equal([Acre, "Daily Kos"], partners);
        Assert.Equal([("acre", true), ("daily-kos", false)], await PartnersAsync(slug));

        // The Add form of a tab opened before ACRE was added, sent again.
        using var twice = await addAcre.SubmitAsync();
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.NotNull((await twice.ReadPageAsync()).QuerySelector("#organization-error"));
        // Hidden fields edited in the page: the lead cannot be removed, and "allowed" must be true or false.
        using var lead = await (await organizer.FormAsync(page, "Remove Daily Kos")).Set("organization", DemoLead).SubmitAsync();
        Assert.Equal(HttpStatusCode.BadRequest, lead.StatusCode);
        using var garbled = await (await organizer.FormAsync(page, $"Stop downloads for {Acre}")).Set("allowed", "perhaps").SubmitAsync();
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);

        await ExpectRedirectAsync(await organizer.FormAsync(page, "Remove Daily Kos"));
        Assert.Equal([("acre", true)], await PartnersAsync(slug));
        Assert.Equal([Acre], (await GetPageAsync($"/p/{slug}")).QuerySelectorAll(".partner-list li").Select(li => li.TextContent.Trim()));
        Assert.Equal(DemoLead, (await StoredPetitionAsync(slug)).Sponsorships.Single(s => s.Role == SponsorRole.Lead).Organization!.Slug);
    }

    [Theory, OnEachDatabase]
    public async Task Changing_sponsors_without_the_form_token_is_refused(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var slug = await AddLedPetitionAsync(DemoLead);
        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);

        using var response = await admin.Http.PostAsync($"/admin/petitions/{slug}/sponsors?handler=Add",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["organization"] = "acre" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await PartnersAsync(slug));
    }

    /// <summary>Presses the button the form was found by, and expects the page to send the organizer back to the list.</summary>
    private static async Task ExpectRedirectAsync(PageForm form)
    {
        using var response = await form.SubmitAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
    }

    private Task<List<(string, bool)>> PartnersAsync(string slug) => App.QueryAsync(async db =>
        (await db.Sponsorships.AsNoTracking()
            .Where(s => s.Petition!.Slug == slug && s.Role == SponsorRole.Partner)
            .OrderBy(s => s.Position)
            .Select(s => new { s.Organization!.Slug, s.MayDownloadSigners })
            .ToListAsync())
        .Select(s => (s.Slug, s.MayDownloadSigners)).ToList());
}
