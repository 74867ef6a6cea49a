using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;
using Undersigned.Features.Moderation;
using Undersigned.Storage;
using Undersigned.Tests.Features.Partners;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Moderation;

/// <summary>
/// What an invalidation takes out of everything that reads signatures, and the totals by kind anyone can read:
/// a fraud wave removed by staff leaves the partners' CSV and API, the delivery package, the update recipients and
/// the public wall of names (which shows only names that count), and the public JSON says how many were removed.
/// </summary>
public sealed class InvalidatedSignersTests(PerDatabase<ModerationApp> apps, ITestOutputHelper output) : ModerationTest(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task Invalidated_signers_leave_partner_exports_the_api_the_delivery_package_updates_and_the_public_wall(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var c = await Coalition.CreateAsync(App);
        var kept = new List<long>();
        for (var i = 0; i < 2; i++)
        {
            kept.Add(await c.SignAsync(optInTo: [Coalition.Partner], firstName: $"Real{i}"));
        }
        var wave = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            wave.Add(await c.SignAsync(optInTo: [Coalition.Partner], firstName: $"Bot{i}"));
        }
        await c.SignAsync(SignatureStatus.Pending, optInTo: [Coalition.Partner], firstName: "Unconfirmed");
        await App.QueryAsync(db => db.Signatures.Where(s => s.PetitionId == c.PetitionId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ShowNamePublicly, true).SetProperty(x => x.WantsUpdates, true)));
        await App.QueryAsync(db => db.Petitions.Where(p => p.Id == c.PetitionId).ExecuteUpdateAsync(p => p.SetProperty(x => x.SignatureCount, 5)));
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);
        var key = await PartnerKeys.CreateAsync(partner, Coalition.Partner);
        Assert.Equal(5, (await PartnerCsvIdsAsync(partner, c.Slug)).Count);
        var before = await WallAsync(c.Slug);
        Assert.Contains("Bot0", before);
        Assert.DoesNotContain("Unconfirmed", before); // a name is shown once its signature counts, never before

        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        var job = await StartAsync(admin, c.Slug, "NamePattern=bot*", "A wave of made-up names from one script.");
        await RunAsync(job);

        Assert.Equal(new Tallies(2, 0, 3), await ExactTalliesAsync(c.PetitionId));
        Assert.Equal(kept, await PartnerCsvIdsAsync(partner, c.Slug));
        Assert.Equal(kept.Select(id => $"undersigned:{id}"), await PartnerApiIdsAsync(key, c.Slug));
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        using (var delivery = await organizer.Http.GetAsync($"/admin/petitions/{c.Slug}/delivery/signers.csv"))
        {
            Assert.Equal(HttpStatusCode.OK, delivery.StatusCode);
            var csv = await delivery.Content.ReadAsStringAsync();
            Assert.Contains("Real0", csv, StringComparison.Ordinal);
            Assert.DoesNotContain("Bot", csv, StringComparison.Ordinal);
        }
        var updates = await organizer.GetPageAsync($"/admin/petitions/{c.Slug}/updates");
        Assert.Matches(@"emailed to the 2 signers\s+whose signature counts", updates.QuerySelector("#write + p")?.TextContent ?? "");
        var wall = await WallAsync(c.Slug);
        Assert.Contains("Real0", wall);
        Assert.DoesNotContain(wall, name => name.StartsWith("Bot", StringComparison.Ordinal));
        Assert.Equal((2, 2, 0, 3, 0), await PublicTotalsAsync(c.Slug));
    }

    [Theory, OnEachDatabase]
    public async Task The_public_totals_add_up_and_the_page_says_how_many_await_review_in_each_language(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        await AddSignaturesAsync(id, 4, SignatureStatus.Counted);
        await AddSignaturesAsync(id, 1234, SignatureStatus.Held, "campus.example.edu", burst: "bcampus001", reason: HoldReason.Address);
        await App.QueryAsync(db => db.Petitions.Where(p => p.Id == id).ExecuteUpdateAsync(p => p
            .SetProperty(x => x.SignatureCount, x => x.SignatureCount + 3).SetProperty(x => x.PaperCount, 3)));

        Assert.Equal((7, 4, 3, 0, 1234), await PublicTotalsAsync(slug));
        var english = await GetPageAsync($"/p/{slug}");
        Assert.Equal("1,234 awaiting review", english.QuerySelector(".progress .held")?.TextContent.Trim());
        Assert.Equal(7, CountShownOn(english));
        using var client = App.CreateHttpClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("es"));
        var spanish = Parse(await client.GetStringAsync($"/p/{slug}"));
        Assert.Matches(@"^1[.\u00a0 ]?234 pendientes de revisión$", spanish.QuerySelector(".progress .held")?.TextContent.Trim() ?? "");

        await App.QueryAsync(db => db.Petitions.Where(p => p.Id == id).ExecuteUpdateAsync(p => p.SetProperty(x => x.HeldCount, 0)));
        Assert.Null((await GetPageAsync($"/p/{slug}")).QuerySelector(".progress .held"));
    }

    private static async Task<List<long>> PartnerCsvIdsAsync(StaffMember partner, string slug)
    {
        using var response = await partner.Http.GetAsync($"/partners/{Coalition.Partner}/petitions/{slug}/signers.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return CsvText.Parse(await response.Content.ReadAsStringAsync()).Skip(1).Select(r => long.Parse(r[8])).ToList();
    }

    private async Task<List<string>> PartnerApiIdsAsync(string key, string slug)
    {
        using var client = App.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/partners/{Coalition.Partner}/petitions/{slug}/signatures"));
        Assert.Equal(2, json.RootElement.GetProperty("total_records").GetInt32());
        return json.RootElement.GetProperty("_embedded").GetProperty("osdi:signatures").EnumerateArray()
            .Select(s => s.GetProperty("identifiers")[0].GetString()!).ToList();
    }

    private async Task<List<string>> WallAsync(string slug) =>
        (await GetPageAsync($"/p/{slug}")).QuerySelectorAll(".recent-signers li").Select(li => li.TextContent.Trim().Split(' ')[0]).ToList();

    private async Task<(int Count, int Online, int Paper, int Invalidated, int Held)> PublicTotalsAsync(string slug)
    {
        using var client = App.CreateHttpClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/petitions/{slug}"));
        var totals = json.RootElement.GetProperty("totals");
        return (json.RootElement.GetProperty("signatureCount").GetInt32(), totals.GetProperty("online").GetInt32(),
            totals.GetProperty("paper").GetInt32(), totals.GetProperty("invalidated").GetInt32(), totals.GetProperty("held").GetInt32());
    }
}
