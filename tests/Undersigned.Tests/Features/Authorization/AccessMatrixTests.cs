using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Features.Partners;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Authorization;

/// <summary>
/// Every /admin, /partners and partner-API route against every kind of caller, with the expected status of each
/// cell written in the table. The petition ("p") is led by the coalition with daily-kos ("dk") and demand-progress
/// as partners; "org" routes are about dk. A key means nothing to the pages, so a key holder there is a signed-out
/// visitor (302 to the login form). Form posts carry a valid token of the caller and harmless fields (a preview,
/// an empty form), so an allowed caller gets the page or its form errors (400), never a change.
/// </summary>
public sealed class AccessMatrixTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    // Columns: anonymous, admin, organizer of dk, organizer of the lead, partner of dk, partner of demand-progress,
    // a revoked dk key, a live demand-progress key.
    private static readonly string[] Expected =
    [
        "GET  /admin                                      302 200 200 200 403 403 302 302",
        "GET  /admin/petitions/new                        302 200 200 200 403 403 302 302",
        "GET  /admin/petitions/p/edit                     302 200 403 200 403 403 302 302",
        "POST /admin/petitions/p/edit?handler=Preview     302 200 403 200 403 403 302 302",
        "GET  /admin/petitions/p/sponsors                 302 200 403 200 403 403 302 302",
        "POST /admin/petitions/p/sponsors?handler=Add     302 400 403 400 403 403 302 302",
        "GET  /admin/petitions/p/dashboard                302 200 403 200 403 403 302 302",
        "GET  /admin/petitions/p/delivery                 302 200 403 200 403 403 302 302",
        "POST /admin/petitions/p/delivery                 302 400 403 400 403 403 302 302",
        "GET  /admin/petitions/p/delivery/package.pdf     302 200 403 200 403 403 302 302",
        "GET  /admin/petitions/p/delivery/signers.csv     302 200 403 200 403 403 302 302",
        "GET  /admin/petitions/p/updates                  302 200 403 200 403 403 302 302",
        "POST /admin/petitions/p/updates?handler=Preview  302 200 403 200 403 403 302 302",
        "GET  /admin/petitions/p/milestones               302 200 403 200 403 403 302 302",
        "GET  /admin/organizations                        302 200 403 403 403 403 302 302",
        "GET  /admin/organizations/new                    302 200 403 403 403 403 302 302",
        "POST /admin/organizations/new                    302 400 403 403 403 403 302 302",
        "GET  /admin/organizations/dk/edit                302 200 403 403 403 403 302 302",
        "GET  /partners/dk                                302 200 200 403 200 403 302 302",
        "GET  /partners/dk/keys                           302 200 200 403 200 403 302 302",
        "POST /partners/dk/keys?handler=Create            302 200 200 403 200 403 302 302",
        "GET  /partners/dk/petitions/p/signers.csv        302 200 200 403 200 403 302 302",
        "GET  /api/v1/partners/dk/petitions/p/signatures  401 200 200 403 200 403 401 403",
    ];

    /// <summary>The only cells whose answer may hold a signer's email: dk's consented-signer exports, for those entitled.</summary>
    private static readonly string[] MayShowEmails =
        ["/partners/dk/petitions/p/signers.csv", "/api/v1/partners/dk/petitions/p/signatures"];

    [Theory, OnEachDatabase]
    public async Task Each_caller_gets_the_status_written_for_each_route_and_no_one_else_sees_an_email(DatabaseProvider provider)
    {
        await UseAsync(provider);

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
        var signersEmail = $".{c.Slug}@example.org";

        var actual = new List<string>();
        var leaks = new List<string>();
        foreach (var row in Expected)
        {
            var parts = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var path = parts[1].Replace("/dk", "/" + Coalition.Partner, StringComparison.Ordinal)
                .Replace("/p/", $"/{c.Slug}/", StringComparison.Ordinal);
            var statuses = new List<int>();
            for (var i = 0; i < callers.Length; i++)
            {
                var (status, body) = await AnswerAsync(callers[i].Member, callers[i].Key, parts[0], path);
                statuses.Add(status);
                var entitled = MayShowEmails.Contains(parts[1]) && status == 200;
                if (body.Contains(signersEmail, StringComparison.Ordinal) && !entitled)
                {
                    leaks.Add($"{parts[0]} {parts[1]} caller {i}");
                }
            }
            actual.Add($"{parts[0],-4} {parts[1]} {string.Join(' ', statuses)}");
        }

        Assert.Equal(string.Join("\n", Expected.Select(Normalize)), string.Join("\n", actual.Select(Normalize)));
        Assert.Empty(leaks);
    }

    private static string Normalize(string row) => string.Join(' ', row.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static async Task<(int Status, string Body)> AnswerAsync(StaffMember member, string? key, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        if (method == "POST")
        {
            // A valid form token for this caller, from a page any caller may open; fields that change nothing.
            var token = await member.TokenBorrowedFromAsync("/login");
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Name"] = "Matrix", [Signer.TokenField] = token,
            });
        }
        using var response = await member.Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
