using System.Net;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Staff;

/// <summary>Staff accounts: logging in and out through the real pages (failed logins: <see cref="FailedLoginTests"/>).</summary>
public sealed class StaffLoginTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task A_partner_logs_in_and_lands_on_their_organizations_dashboard(DatabaseProvider provider)
    {
        await UseAsync(provider);

        await StaffMember.CreateAsync(App, "lands@staff.example.org", StaffRoles.Partner, "daily-kos");
        using var visitor = StaffMember.Anonymous(App);

        using var login = await visitor.SubmitLoginAsync("lands@staff.example.org", StaffMember.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        using var home = await visitor.Http.GetAsync(login.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/partners/daily-kos", home.Headers.Location?.OriginalString);
    }

    [Theory, OnEachDatabase]
    public async Task A_staff_page_sends_a_visitor_who_is_not_logged_in_to_the_login_form(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var visitor = StaffMember.Anonymous(App);

        using var response = await visitor.Http.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?ReturnUrl=%2Fstaff", response.Headers.Location?.PathAndQuery);
    }

    [Theory, OnEachDatabase]
    public async Task A_wrong_password_gets_the_form_again_with_the_email_kept(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var visitor = StaffMember.Anonymous(App);

        using var response = await visitor.SubmitLoginAsync("nobody@staff.example.org", "not the password at all");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var page = Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("nobody@staff.example.org", page.QuerySelector("input[name=Email]")?.GetAttribute("value"));
        Assert.Contains("do not match", page.QuerySelector(".field-error")?.TextContent, StringComparison.Ordinal);
    }

    [Theory, OnEachDatabase]
    public async Task Logging_in_without_the_forms_token_is_refused(DatabaseProvider provider)
    {
        await UseAsync(provider);

        await StaffMember.CreateAsync(App, "csrf@staff.example.org", StaffRoles.Admin, null);
        using var visitor = StaffMember.Anonymous(App);

        using var response = await visitor.Http.PostAsync("/login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Email"] = "csrf@staff.example.org", ["Password"] = StaffMember.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory, OnEachDatabase]
    public async Task Logging_out_ends_the_session(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        using var before = await admin.Http.GetAsync("/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var logout = await (await admin.FormAsync("/account/two-factor", $"Log out ({admin.Email})")).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var after = await admin.Http.GetAsync("/account/two-factor");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }
}
