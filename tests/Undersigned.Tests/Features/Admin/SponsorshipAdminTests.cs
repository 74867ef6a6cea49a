using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Admin;

/// <summary>The lead's organizers choose a petition's partners, their order, and which of them may download signers.</summary>
public abstract class SponsorshipAdminTests(AppFixture fixture, ITestOutputHelper output) : AdminTest(fixture, output)
{
    [Fact]
    public async Task Organizers_add_order_allow_and_remove_partners_and_the_petition_page_follows()
    {
        var slug = await AddLedPetitionAsync(DemoLead, PetitionStatus.Open);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, DemoLead);
        var page = $"/admin/petitions/{slug}/sponsors";

        await ExpectRedirectAsync(organizer, page, "Add", "daily-kos");
        await ExpectRedirectAsync(organizer, page, "Add", "acre");
        await ExpectRedirectAsync(organizer, page, "Up", "acre");
        await ExpectRedirectAsync(organizer, page, "Downloads", "acre", ("allowed", "true"));

        var partners = (await GetPageAsync($"/p/{slug}")).QuerySelectorAll(".partner-list li").Select(li => li.TextContent.Trim());
        Assert.Equal(["Action Center on Race and the Economy", "Daily Kos"], partners);
        Assert.Equal([("acre", true), ("daily-kos", false)], await PartnersAsync(slug));

        using var twice = await PostAsync(organizer, page, $"{page}?handler=Add", new() { ["organization"] = "acre" });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.NotNull((await twice.ReadPageAsync()).QuerySelector("#organization-error"));
        using var lead = await PostAsync(organizer, page, $"{page}?handler=Remove", new() { ["organization"] = DemoLead });
        Assert.Equal(HttpStatusCode.BadRequest, lead.StatusCode);
        using var garbled = await PostAsync(organizer, page, $"{page}?handler=Downloads", new() { ["organization"] = "acre", ["allowed"] = "perhaps" });
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);

        await ExpectRedirectAsync(organizer, page, "Remove", "daily-kos");
        Assert.Equal([("acre", true)], await PartnersAsync(slug));
        Assert.Equal(DemoLead, (await StoredPetitionAsync(slug)).Sponsorships.Single(s => s.Role == SponsorRole.Lead).Organization!.Slug);
    }

    [Fact]
    public async Task Changing_sponsors_without_the_form_token_is_refused()
    {
        var slug = await AddLedPetitionAsync(DemoLead);
        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);

        using var response = await admin.Http.PostAsync($"/admin/petitions/{slug}/sponsors?handler=Add",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["organization"] = "acre" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await PartnersAsync(slug));
    }

    private static async Task ExpectRedirectAsync(StaffMember member, string page, string handler, string organization, params (string, string)[] extra)
    {
        var fields = new Dictionary<string, string> { ["organization"] = organization };
        foreach (var (name, value) in extra)
        {
            fields[name] = value;
        }
        using var response = await PostAsync(member, page, $"{page}?handler={handler}", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler} {organization}: {(int)response.StatusCode}");
    }

    private Task<List<(string, bool)>> PartnersAsync(string slug) => App.QueryAsync(async db =>
        (await db.Sponsorships.AsNoTracking()
            .Where(s => s.Petition!.Slug == slug && s.Role == SponsorRole.Partner)
            .OrderBy(s => s.Position)
            .Select(s => new { s.Organization!.Slug, s.MayDownloadSigners })
            .ToListAsync())
        .Select(s => (s.Slug, s.MayDownloadSigners)).ToList());
}

public sealed class SponsorshipAdminTestsOnSqlite(SqliteApp app, ITestOutputHelper output)
    : SponsorshipAdminTests(app, output), IClassFixture<SqliteApp>;

public sealed class SponsorshipAdminTestsOnPostgres(PostgresApp app, ITestOutputHelper output)
    : SponsorshipAdminTests(app, output), IClassFixture<PostgresApp>;
