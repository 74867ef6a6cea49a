using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Partners;

/// <summary>
/// Every partner route against every kind of caller, with the expected status written in the table. The routes
/// are about daily-kos (a partner) on a petition led by the coalition. A key means nothing to the pages, so a
/// key holder there is a signed-out visitor (302 to the login form).
/// </summary>
public abstract class PartnerAccessMatrixTests(AppFixture fixture, ITestOutputHelper output) : IntegrationTest(fixture, output)
{
    // Columns: anonymous, admin, organizer of daily-kos, organizer of the lead, partner of daily-kos, partner of
    // demand-progress, a revoked daily-kos key, a demand-progress key.
    private static readonly string[] Expected =
    [
        "GET  /partners/dk                      302 200 200 403 200 403 302 302",
        "GET  /partners/dk/keys                 302 200 200 403 200 403 302 302",
        "POST /partners/dk/keys?handler=Create  302 200 200 403 200 403 302 302",
        "GET  /partners/dk/petitions/p/signers.csv 302 200 200 403 200 403 302 302",
        "GET  /api/v1/partners/dk/petitions/p/signatures 401 200 200 403 200 403 401 403",
        "GET  /admin/petitions/p/dashboard      302 200 403 200 403 403 302 302",
    ];

    [Fact]
    public async Task Each_caller_gets_the_status_written_for_each_route()
    {
        var c = await Coalition.CreateAsync(App);
        await c.SignAsync(optInTo: [Coalition.Partner]);
        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        using var organizerDk = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Coalition.Partner);
        using var organizerLead = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Coalition.Lead);
        using var partnerDk = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);
        using var partnerDp = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.OtherPartner);
        var revoked = await PartnerKeys.CreateAsync(partnerDk, Coalition.Partner, "To revoke");
        await App.QueryAsync(db => db.ApiKeys.Where(k => k.Prefix == revoked.Substring(4, 10))
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, DateTime.UtcNow)));
        var otherKey = await PartnerKeys.CreateAsync(partnerDp, Coalition.OtherPartner, "Other");
        using var anonymous = StaffMember.Anonymous(App);
        var callers = new (StaffMember Member, string? Key)[]
        {
            (anonymous, null), (admin, null), (organizerDk, null), (organizerLead, null), (partnerDk, null), (partnerDp, null),
            (anonymous, revoked), (anonymous, otherKey),
        };

        var actual = new List<string>();
        foreach (var row in Expected)
        {
            var parts = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var path = parts[1].Replace("/dk", "/" + Coalition.Partner, StringComparison.Ordinal)
                .Replace("/p/", $"/{c.Slug}/", StringComparison.Ordinal);
            var statuses = new List<int>();
            foreach (var (member, key) in callers)
            {
                statuses.Add(await StatusAsync(member, key, parts[0], path));
            }
            actual.Add($"{parts[0],-4} {parts[1]} {string.Join(' ', statuses)}");
        }

        Assert.Equal(Expected.Select(Normalize), actual.Select(Normalize));
    }

    private static string Normalize(string row) => string.Join(' ', row.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static async Task<int> StatusAsync(StaffMember member, string? key, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        if (method == "POST")
        {
            // A valid form token for this caller, from a page any caller may open.
            var token = await member.TokenAsync("/login");
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Name"] = "Matrix", [Signer.TokenField] = token,
            });
        }
        using var response = await member.Http.SendAsync(request);
        return (int)response.StatusCode;
    }
}

public sealed class PartnerAccessMatrixTestsOnSqlite(SqliteApp app, ITestOutputHelper output)
    : PartnerAccessMatrixTests(app, output), IClassFixture<SqliteApp>;

public sealed class PartnerAccessMatrixTestsOnPostgres(PostgresApp app, ITestOutputHelper output)
    : PartnerAccessMatrixTests(app, output), IClassFixture<PostgresApp>;
