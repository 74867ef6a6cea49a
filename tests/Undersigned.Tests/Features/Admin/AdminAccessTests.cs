using System.Net;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Admin;

/// <summary>
/// Who may open each admin page. The callers: a visitor who is not logged in (sent to the login form), an admin,
/// an organizer of the demo petition's lead, an organizer of another organization, and a partner of the lead.
/// </summary>
public sealed class AdminAccessTests(PerDatabase<AppFixture> apps, ITestOutputHelper output) : AdminTest(apps, output)
{
    private const int Login = 302, Ok = 200, Forbidden = 403, Missing = 404;

    [Theory]
    //          route                                               anonymous admin  organizer  other org  partner
    [OnEachDatabase("/admin",                                            Login, Ok,      Ok,        Ok,        Forbidden)]
    [OnEachDatabase("/admin/petitions/new",                              Login, Ok,      Ok,        Ok,        Forbidden)]
    [OnEachDatabase("/admin/petitions/stop-shotspotter/edit",            Login, Ok,      Ok,        Forbidden, Forbidden)]
    [OnEachDatabase("/admin/petitions/stop-shotspotter/sponsors",        Login, Ok,      Ok,        Forbidden, Forbidden)]
    [OnEachDatabase("/admin/petitions/no-such-petition/edit",            Login, Missing, Missing,   Missing,   Forbidden)]
    [OnEachDatabase("/admin/petitions/no-such-petition/sponsors",        Login, Missing, Missing,   Missing,   Forbidden)]
    [OnEachDatabase("/admin/petitions/stop-shotspotter/review",          Login, Ok,      Ok,        Forbidden, Forbidden)]
    [OnEachDatabase("/admin/petitions/stop-shotspotter/invalidate",      Login, Ok,      Ok,        Forbidden, Forbidden)]
    [OnEachDatabase("/admin/petitions/stop-shotspotter/paper",           Login, Ok,      Ok,        Forbidden, Forbidden)]
    [OnEachDatabase("/admin/petitions/stop-shotspotter/paper/1",         Login, Missing, Missing,   Forbidden, Forbidden)]
    [OnEachDatabase("/admin/petitions/stop-shotspotter/moderation-log",  Login, Ok,      Forbidden, Forbidden, Forbidden)]
    [OnEachDatabase("/admin/petitions/no-such-petition/review",          Login, Missing, Missing,   Missing,   Forbidden)]
    [OnEachDatabase("/admin/organizations",                              Login, Ok,      Forbidden, Forbidden, Forbidden)]
    [OnEachDatabase("/admin/organizations/new",                          Login, Ok,      Forbidden, Forbidden, Forbidden)]
    [OnEachDatabase("/admin/organizations/daily-kos/edit",               Login, Ok,      Forbidden, Forbidden, Forbidden)]
    [OnEachDatabase("/admin/organizations/no-such-organization/edit",    Login, Missing, Forbidden, Forbidden, Forbidden)]
    public async Task Each_caller_gets_the_answer_written_for_them(DatabaseProvider provider, string route, int anonymous, int admin, int organizer, int otherOrganizer, int partner)
    {
        await UseAsync(provider);

        using var visitor = StaffMember.Anonymous(App);
        await AssertAnswerAsync(visitor, route, anonymous);
        foreach (var (role, org, expected) in new[]
        {
            (StaffRoles.Admin, (string?)null, admin),
            (StaffRoles.Organizer, DemoLead, organizer),
            (StaffRoles.Organizer, OtherOrganization, otherOrganizer),
            (StaffRoles.Partner, DemoLead, partner),
        })
        {
            using var member = await StaffMember.LogInAsync(App, role, org);
            await AssertAnswerAsync(member, route, expected);
        }
    }

    [Theory, OnEachDatabase]
    public async Task An_organizer_of_another_organization_changes_nothing_by_posting(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var slug = await AddLedPetitionAsync(DemoLead, PetitionStatus.Open);
        using var intruder = await StaffMember.LogInAsync(App, StaffRoles.Organizer, OtherOrganization);
        var before = await StoredPetitionAsync(slug);

        foreach (var (url, fields) in new (string, Dictionary<string, string>)[]
        {
            (EditPath(slug), PetitionFields(slug, "Taken over")),
            (EditPath(slug) + "?handler=Close", []),
            ($"/admin/petitions/{slug}/sponsors?handler=Add", new() { ["organization"] = OtherOrganization }),
        })
        {
            // The intruder cannot open these forms; with a token from a page they may open, the refusal is about the petition.
            using var response = await intruder.PostWithTokenBorrowedFromAsync("/admin", url, fields);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var after = await StoredPetitionAsync(slug);
        Assert.Equal((before.Title, before.Status, before.Sponsorships.Count), (after.Title, after.Status, after.Sponsorships.Count));
    }

    private static async Task AssertAnswerAsync(StaffMember caller, string route, int expected)
    {
        using var response = await caller.Http.GetAsync(route);
        Assert.True((int)response.StatusCode == expected, $"GET {route} as {caller.Email}: {(int)response.StatusCode}, expected {expected}");
        if (expected == Login)
        {
            Assert.StartsWith("/login?ReturnUrl=", response.RedirectTarget());
        }
    }
}
