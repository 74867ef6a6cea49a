using System.Net;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Features.Partners;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Staff;

/// <summary>
/// Sessions live on the server: logging out ends one for good, even for a copy of its cookie, and a new password,
/// two-factor turned on or off or a new role end every other session of the account.
/// </summary>
public sealed class StaffSessionTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    private const string PasswordPage = "/account/password";
    private const string NewPassword = "a longer passphrase nobody guesses";

    [Theory, OnEachDatabase]
    public async Task A_cookie_copied_before_logout_gets_the_login_page_after_it(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        var copied = admin.CopySessionCookie(App);
        using (var thief = StaffMember.ReplayingCookie(App, copied))
        using (var before = await thief.GetAsync("/admin"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var logout = await admin.LogOutAsync();
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var replayer = StaffMember.ReplayingCookie(App, copied);
        using var after = await replayer.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/login?ReturnUrl=%2Fadmin", after.Headers.Location?.PathAndQuery);
    }

    [Theory, OnEachDatabase]
    public async Task A_partner_api_call_with_a_cookie_copied_before_logout_gets_401_after_it(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var coalition = await Coalition.CreateAsync(App);
        await coalition.SignAsync(optInTo: [Coalition.Partner]);
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);
        var copied = partner.CopySessionCookie(App);
        var api = $"/api/v1/partners/{Coalition.Partner}/petitions/{coalition.Slug}/signatures";
        using (var thief = StaffMember.ReplayingCookie(App, copied))
        using (var before = await thief.GetAsync(api))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var logout = await partner.LogOutAsync();

        using var replayer = StaffMember.ReplayingCookie(App, copied);
        using var after = await replayer.GetAsync(api);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Theory, OnEachDatabase]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var laptop = await StaffMember.LogInAsync(App, StaffRoles.Organizer, "daily-kos");
        using var phone = await StaffMember.LogInAsAsync(App, laptop.Email);
        var copiedFromPhone = phone.CopySessionCookie(App);

        using var changed = await laptop.FillInAsync(PasswordPage, "Change password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = StaffMember.Password, ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var page = await laptop.GetPageAsync(changed.Headers.Location!.OriginalString);
        Assert.Contains("Your password is changed", page.QuerySelector(".notice")?.TextContent, StringComparison.Ordinal);
        using var phoneAfter = await phone.Http.GetAsync("/admin");
        Assert.StartsWith("/login", phoneAfter.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        using var replayer = StaffMember.ReplayingCookie(App, copiedFromPhone);
        using var replayed = await replayer.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        using var laptopAfter = await laptop.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, laptopAfter.StatusCode);

        using var visitor = StaffMember.Anonymous(App);
        using var old = await visitor.SubmitLoginAsync(laptop.Email, StaffMember.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using var current = await visitor.SubmitLoginAsync(laptop.Email, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, current.StatusCode);
    }

    [Theory, OnEachDatabase]
    public async Task A_wrong_current_password_or_an_unfit_new_one_gets_the_form_again_and_changes_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var laptop = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        using var phone = await StaffMember.LogInAsAsync(App, laptop.Email);
        var cases = new (string Current, string New, string Again, string Field, string Says)[]
        {
            ("not my password at all", NewPassword, NewPassword, "CurrentPassword", "not your current password"),
            (StaffMember.Password, "too short", "too short", "NewPassword", "at least 12 characters"),
            (StaffMember.Password, NewPassword, NewPassword + "!", "ConfirmPassword", "not the same"),
            ("", NewPassword, NewPassword, "CurrentPassword", "current password"),
            (StaffMember.Password, new string('x', 1001), new string('x', 1001), "NewPassword", "1000"),
            (StaffMember.Password, "<b>é</b>", "<b>é</b>", "NewPassword", "12"),
        };
        foreach (var (current, next, again, field, says) in cases)
        {
            using var response = await laptop.FillInAsync(PasswordPage, "Change password", new Dictionary<string, string>
                { ["CurrentPassword"] = current, ["NewPassword"] = next, ["ConfirmPassword"] = again });

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = Parse(await response.Content.ReadAsStringAsync());
            var error = page.QuerySelector($"#{field}-error")?.TextContent;
            Assert.True(error?.Contains(says, StringComparison.Ordinal) == true, $"{field}: expected \"{says}\", got \"{error}\".");
            Assert.All(page.QuerySelectorAll("input[type=password]"), input => Assert.Null(input.GetAttribute("value")));
        }

        using var phoneAfter = await phone.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, phoneAfter.StatusCode);
        using var visitor = StaffMember.Anonymous(App);
        using var old = await visitor.SubmitLoginAsync(laptop.Email, StaffMember.Password);
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
    }

    [Theory, OnEachDatabase]
    public async Task Turning_two_factor_on_and_off_ends_the_other_sessions_and_keeps_this_one(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var laptop = await StaffMember.LogInAsync(App, StaffRoles.Partner, "daily-kos");
        using var phone = await StaffMember.LogInAsAsync(App, laptop.Email);

        var (authenticator, _) = await Authenticator.TurnOnAsync(laptop);

        using (var phoneAfterOn = await phone.Http.GetAsync("/staff"))
        {
            Assert.StartsWith("/login", phoneAfterOn.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        }
        using var tablet = await authenticator.LogInAsync(App, laptop.Email);
        using (var tabletBefore = await tablet.Http.GetAsync("/staff"))
        {
            Assert.Equal("/partners/daily-kos", tabletBefore.Headers.Location?.OriginalString);
        }

        using var off = await laptop.FillInAsync(Authenticator.Page, "Turn two-factor sign-in off",
            new Dictionary<string, string> { ["Password"] = StaffMember.Password });

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        using var tabletAfterOff = await tablet.Http.GetAsync("/staff");
        Assert.StartsWith("/login", tabletAfterOff.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        using var laptopAfter = await laptop.Http.GetAsync("/staff");
        Assert.Equal("/partners/daily-kos", laptopAfter.Headers.Location?.OriginalString);
    }

    [Theory, OnEachDatabase]
    public async Task A_new_role_from_the_users_command_ends_every_session_of_the_account(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, "daily-kos");
        using var phone = await StaffMember.LogInAsAsync(App, organizer.Email);
        using (var before = await organizer.Http.GetAsync("/admin"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var outcome = await UndersignedExecutable.RunAsync(Fixture.Database,
            "users", "role", "--email", organizer.Email, "--role", "partner", "--org", "daily-kos");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("is now partner of Daily Kos", outcome.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("2 session(s) ended", outcome.StandardOutput, StringComparison.Ordinal);
        foreach (var browser in new[] { organizer, phone })
        {
            using var after = await browser.Http.GetAsync("/admin");
            Assert.StartsWith("/login", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        }
        using var again = await StaffMember.LogInAsAsync(App, organizer.Email);
        using var admin = await again.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);

        var unknown = await UndersignedExecutable.RunAsync(Fixture.Database,
            "users", "role", "--email", "nobody@staff.example.org", "--role", "admin");
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("No staff account", unknown.StandardError, StringComparison.Ordinal);
    }
}
