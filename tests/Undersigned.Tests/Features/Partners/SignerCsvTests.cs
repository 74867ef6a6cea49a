using System.Net;
using System.Text;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Partners;

/// <summary>The CSV of a partner's consented signers: exactly who said yes to it and counts, recorded every time.</summary>
public sealed class SignerCsvTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    private static string CsvPath(string org, string slug) => $"/partners/{org}/petitions/{slug}/signers.csv";

    [Theory, OnEachDatabase]
    public async Task The_csv_holds_exactly_the_counted_signers_who_opted_in_to_that_organization(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App);
        var yes = await c.SignAsync(source: "daily-kos.newsletter", optInTo: [Coalition.Partner]);
        var yesToBoth = await c.SignAsync(optInTo: [Coalition.Partner, Coalition.OtherPartner]);
        await c.SignAsync(SignatureStatus.Pending, source: "daily-kos", optInTo: [Coalition.Partner]);
        await c.SignAsync(SignatureStatus.Held, optInTo: [Coalition.Partner]);
        await c.SignAsync(withdrawnFrom: [Coalition.Partner]);
        await c.SignAsync(optInTo: [Coalition.OtherPartner]);
        await c.SignAsync(source: "daily-kos");
        await Coalition.CreateAsync(App).ContinueWith(async other => await (await other).SignAsync(optInTo: [Coalition.Partner])).Unwrap();
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);

        using var response = await partner.Http.GetAsync(CsvPath(Coalition.Partner, c.Slug));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var rows = CsvText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["first_name", "last_name", "email", "postal_code", "country", "signed_at", "source", "opted_in_at", "signature_id"], rows[0]);
        Assert.Equal([yes.ToString(), yesToBoth.ToString()], rows.Skip(1).Select(r => r[8]));
        Assert.Equal("daily-kos.newsletter", rows[1][6]);
        Assert.EndsWith($".{c.Slug}@example.org", rows[1][2], StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", rows[1][5]);
        Assert.Equal(["60601", "US"], rows[1][3..5]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", rows[1][7]);
        Assert.Equal("", rows[2][6]);
    }

    [Theory, OnEachDatabase]
    public async Task A_download_is_recorded_in_the_export_log_with_who_and_how_many_rows(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App);
        for (var i = 0; i < 3; i++)
        {
            await c.SignAsync(optInTo: [Coalition.Partner]);
        }
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);

        using var response = await partner.Http.GetAsync(CsvPath(Coalition.Partner, c.Slug));
        await response.Content.ReadAsStringAsync();

        var export = Assert.Single(await c.ExportsAsync());
        Assert.Equal(3, export.Rows);
        Assert.Equal(ExportChannel.Csv, export.Channel);
        Assert.Equal(partner.Email, export.ExportedBy);
        Assert.NotNull(export.StaffUserId);
        var dashboard = await partner.GetPageAsync($"/partners/{Coalition.Partner}");
        var logged = dashboard.QuerySelectorAll(".export-log tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(logged, line => line.Contains(partner.Email, StringComparison.Ordinal) && line.Contains(c.Slug, StringComparison.Ordinal));
    }

    [Theory, OnEachDatabase]
    public async Task Cells_a_spreadsheet_would_run_as_formulas_start_with_a_quote(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App);
        foreach (var name in new[] { "=HYPERLINK(\"http://evil.example\")", "+1", "-2", "@SUM(A1)", "\tTab", "Ana, \"Nita\"" })
        {
            await c.SignAsync(optInTo: [Coalition.Partner], firstName: name);
        }
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);

        using var response = await partner.Http.GetAsync(CsvPath(Coalition.Partner, c.Slug));

        var names = CsvText.Parse(await response.Content.ReadAsStringAsync()).Skip(1).Select(r => r[0]).ToList();
        Assert.Equal(["'=HYPERLINK(\"http://evil.example\")", "'+1", "'-2", "'@SUM(A1)", "'\tTab", "Ana, \"Nita\""], names);
    }

    [Theory, OnEachDatabase]
    public async Task Names_in_any_script_arrive_as_utf8(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App);
        await c.SignAsync(optInTo: [Coalition.Partner], firstName: "Zoë Ñandú 李");
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);

        using var response = await partner.Http.GetAsync(CsvPath(Coalition.Partner, c.Slug));

        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("Zoë Ñandú 李", CsvText.Parse(text)[1][0]);
    }

    [Theory]
    [OnEachDatabase(StaffRoles.Partner, Coalition.OtherPartner)]
    [OnEachDatabase(StaffRoles.Organizer, Coalition.Lead)]
    public async Task Staff_of_another_organization_get_403_and_nothing_is_recorded(DatabaseProvider provider, string role, string org)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App);
        await c.SignAsync(optInTo: [Coalition.Partner]);
        using var other = await StaffMember.LogInAsync(App, role, org);

        using var response = await other.Http.GetAsync(CsvPath(Coalition.Partner, c.Slug));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("@example.org", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await c.ExportsAsync());
    }

    [Theory, OnEachDatabase]
    public async Task A_partner_the_lead_does_not_let_download_gets_403_while_an_admin_may(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App, partnerMayDownload: false);
        await c.SignAsync(optInTo: [Coalition.Partner]);
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);
        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);

        using var refused = await partner.Http.GetAsync(CsvPath(Coalition.Partner, c.Slug));
        using var allowed = await admin.Http.GetAsync(CsvPath(Coalition.Partner, c.Slug));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(2, CsvText.Parse(await allowed.Content.ReadAsStringAsync()).Count);
        Assert.Equal(admin.Email, Assert.Single(await c.ExportsAsync()).ExportedBy);
    }

    [Theory]
    [OnEachDatabase("no-such-org", Demo)]
    [OnEachDatabase(Coalition.Partner, "no-such-petition")]
    public async Task An_unknown_organization_or_petition_is_404(DatabaseProvider provider, string org, string slug)
    {
        await UseAsync(provider);

        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);

        using var response = await admin.Http.GetAsync(CsvPath(org, slug));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory, OnEachDatabase]
    public async Task A_visitor_who_is_not_logged_in_is_sent_to_the_login_form(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var visitor = StaffMember.Anonymous(App);

        using var response = await visitor.Http.GetAsync(CsvPath(Coalition.Partner, Demo));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.RedirectTarget(), StringComparison.Ordinal);
    }
}
