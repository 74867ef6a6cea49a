using System.Net;
using AngleSharp.Html.Dom;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Partners;

/// <summary>The partner's and the organizer's dashboards count what was stored, and show no one's name or address.</summary>
public sealed class DashboardTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    private static readonly DateTime Monday = new(2026, 3, 2, 15, 0, 0, DateTimeKind.Utc);

    private static string Figure(IHtmlDocument page, string scope, string name) =>
        page.QuerySelector($"{scope} [data-figure={name}]")?.TextContent.Trim() ?? "missing";

    private static string Cell(IHtmlDocument page, string selector, int column) =>
        page.QuerySelector(selector)?.QuerySelectorAll("td")[column].TextContent.Trim() ?? "missing";

    [Theory, OnEachDatabase]
    public async Task A_partner_sees_what_its_links_brought_in_by_sub_code_and_day_and_who_opted_in_to_it(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App);
        await c.SignAsync(source: "daily-kos", optInTo: [Coalition.Partner], at: Monday);
        await c.SignAsync(source: "daily-kos.newsletter", at: Monday);
        await c.SignAsync(SignatureStatus.Pending, source: "daily-kos.newsletter", optInTo: [Coalition.Partner], at: Monday.AddDays(1));
        await c.SignAsync(source: "demand-progress", optInTo: [Coalition.Partner], at: Monday);
        await c.SignAsync(optInTo: [Coalition.OtherPartner], at: Monday);
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);

        var page = await partner.GetPageAsync($"/partners/{Coalition.Partner}");

        var section = $"section[aria-labelledby='petition-{c.Slug}']";
        Assert.Equal("3", Figure(page, section, "brought-in"));
        Assert.Equal("2", Figure(page, section, "counted"));
        Assert.Equal("1", Figure(page, section, "pending"));
        Assert.Equal("3", Figure(page, section, "opted-in"));
        Assert.Equal("2", Figure(page, section, "exportable"));
        Assert.Equal("2", Cell(page, $"{section} tr[data-source='daily-kos.newsletter']", 2));
        Assert.Equal("1", Cell(page, $"{section} tr[data-source='daily-kos']", 2));
        Assert.Null(page.QuerySelector($"{section} tr[data-source='demand-progress']"));
        Assert.Equal("2", Cell(page, $"{section} tr[data-day='2026-03-02']", 1));
        Assert.Equal("1", Cell(page, $"{section} tr[data-day='2026-03-03']", 1));
        Assert.Contains($"/p/{c.Slug}?source=daily-kos", page.QuerySelector($"{section} .tracked-link")?.GetAttribute("value"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"{section} a[href='/partners/daily-kos/petitions/{c.Slug}/signers.csv']"));
    }

    [Theory, OnEachDatabase]
    public async Task A_partner_the_lead_does_not_let_download_sees_no_download_link(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App, partnerMayDownload: false);
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);

        var page = await partner.GetPageAsync($"/partners/{Coalition.Partner}");

        Assert.NotNull(page.QuerySelector($"section[aria-labelledby='petition-{c.Slug}']"));
        Assert.Null(page.QuerySelector($"a[href$='{c.Slug}/signers.csv']"));
    }

    [Theory, OnEachDatabase]
    public async Task The_organizer_sees_totals_sources_countries_and_each_partners_opt_ins_without_any_signer(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App);
        await c.SignAsync(source: "daily-kos.newsletter", optInTo: [Coalition.Partner, Coalition.OtherPartner], country: "US", at: Monday);
        await c.SignAsync(source: "demand-progress", optInTo: [Coalition.OtherPartner], country: "MX", at: Monday);
        await c.SignAsync(SignatureStatus.Pending, optInTo: [Coalition.Partner], country: "US", at: Monday.AddDays(2));
        await c.SignAsync(SignatureStatus.Held, country: "CA", at: Monday.AddDays(2));
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Coalition.Lead);

        var page = await organizer.GetPageAsync($"/admin/petitions/{c.Slug}/dashboard");

        Assert.Equal("2", Figure(page, "main", "counted"));
        Assert.Equal("1", Figure(page, "main", "pending"));
        Assert.Equal("1", Figure(page, "main", "held"));
        Assert.Equal("4", Figure(page, "main", "total"));
        Assert.Equal("2", Cell(page, "tr[data-organization='daily-kos']", 1));
        Assert.Equal("1", Cell(page, "tr[data-organization='daily-kos']", 2));
        Assert.Equal("2", Cell(page, "tr[data-organization='demand-progress']", 1));
        Assert.Equal("0", Cell(page, $"tr[data-organization='{Coalition.Lead}']", 1));
        Assert.Equal("1", Cell(page, "tr[data-source='daily-kos.newsletter']", 2));
        Assert.Equal("2", Cell(page, "tr[data-source='']", 2));
        Assert.Equal("2", Cell(page, "tr[data-country='US']", 1));
        Assert.Equal("2", Cell(page, "tr[data-day='2026-03-04']", 1));
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("@example.org", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Signer1", html, StringComparison.Ordinal);
    }
}
