using System.Net;
using OtpNet;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Staff;

/// <summary>Two-factor sign-in as a staff member sets it up: the key from the page into an authenticator, then its codes.</summary>
public sealed class TwoFactorTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    private const string Page = "/account/two-factor";

    [Theory, OnEachDatabase]
    public async Task With_two_factor_on_a_password_alone_no_longer_logs_in_and_the_apps_code_does(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var member = await StaffMember.LogInAsync(App, StaffRoles.Partner, "daily-kos");
        var key = (await member.GetPageAsync(Page)).QuerySelector("main code")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        var authenticator = new Totp(Base32Encoding.ToBytes(key.ToUpperInvariant()));

        var turnOn = await member.FormAsync(Page, "Turn two-factor sign-in on");
        using var wrong = await turnOn.Set("Code", "000000" == authenticator.ComputeTotp() ? "111111" : "000000").SubmitAsync();
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var enabled = await turnOn.Set("Code", authenticator.ComputeTotp()).SubmitAsync();
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Contains("is on", (await member.GetPageAsync(Page)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(8, Parse(await enabled.Content.ReadAsStringAsync()).QuerySelectorAll("ul.codes li").Length);

        using var visitor = StaffMember.Anonymous(App);
        using var password = await visitor.SubmitLoginAsync(member.Email, StaffMember.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/login/two-factor", password.Headers.Location?.OriginalString, StringComparison.Ordinal);
        using var notYet = await visitor.Http.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, notYet.StatusCode);
        Assert.StartsWith("/login", notYet.Headers.Location?.PathAndQuery, StringComparison.Ordinal);

        var second = password.RedirectTarget()!;
        using var badCode = await (await visitor.FormAsync(second, "Log in")).Set("Code", "12345").SubmitAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, badCode.StatusCode);
        using var code = await (await visitor.FormAsync(second, "Log in")).Set("Code", authenticator.ComputeTotp()).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        using var home = await visitor.Http.GetAsync("/staff");
        Assert.Equal("/partners/daily-kos", home.Headers.Location?.OriginalString);
    }

    [Theory, OnEachDatabase]
    public async Task A_recovery_code_logs_in_once_and_a_second_use_fails(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var member = await StaffMember.LogInAsync(App, StaffRoles.Organizer, "daily-kos");
        var (_, codes) = await Authenticator.TurnOnAsync(member);
        Assert.Equal(8, codes.Count);
        Assert.All(codes, c => Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", c));

        using var phoneLost = StaffMember.Anonymous(App);
        using (var password = await phoneLost.SubmitLoginAsync(member.Email, StaffMember.Password))
        {
            Assert.StartsWith("/login/two-factor", password.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }
        var step = await phoneLost.GetPageAsync("/login/two-factor");
        Assert.NotNull(step.QuerySelector("a[href^='/login/recovery-code']"));
        // Typed as people type: small letters, without the dash.
        using var recovered = await phoneLost.FillInAsync("/login/recovery-code", "Log in",
            new Dictionary<string, string> { ["RecoveryCode"] = codes[0].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        using var home = await phoneLost.Http.GetAsync("/staff");
        Assert.Equal("/admin", home.Headers.Location?.OriginalString);
        var left = await member.GetPageAsync(Page);
        Assert.Contains("Recovery codes left: 7", left.QuerySelector("main")?.TextContent, StringComparison.Ordinal);

        using var again = StaffMember.Anonymous(App);
        using (var password = await again.SubmitLoginAsync(member.Email, StaffMember.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        }
        using var empty = await again.FillInAsync("/login/recovery-code", "Log in", new Dictionary<string, string> { ["RecoveryCode"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Enter one of your recovery codes", Parse(await empty.Content.ReadAsStringAsync()).QuerySelector(".field-error")?.TextContent,
            StringComparison.Ordinal);
        using var reused = await again.FillInAsync("/login/recovery-code", "Log in", new Dictionary<string, string> { ["RecoveryCode"] = codes[0] });
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Contains("used before", Parse(await reused.Content.ReadAsStringAsync()).QuerySelector(".field-error")?.TextContent,
            StringComparison.Ordinal);
        using var notIn = await again.Http.GetAsync("/staff");
        Assert.StartsWith("/login", notIn.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        using var another = await again.FillInAsync("/login/recovery-code", "Log in", new Dictionary<string, string> { ["RecoveryCode"] = codes[1] });
        Assert.Equal(HttpStatusCode.Redirect, another.StatusCode);
    }

    [Theory, OnEachDatabase]
    public async Task The_recovery_code_page_without_the_password_step_sends_the_visitor_to_the_login_form(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var visitor = StaffMember.Anonymous(App);

        using var page = await visitor.Http.GetAsync("/login/recovery-code");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login", page.Headers.Location?.OriginalString);
    }

    [Theory, OnEachDatabase]
    public async Task Turning_two_factor_off_asks_for_the_password_or_a_current_code(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var member = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        var (authenticator, _) = await Authenticator.TurnOnAsync(member);

        foreach (var (fields, says) in new (Dictionary<string, string>, string)[]
        {
            ([], "enter your password or a code"),
            (new() { ["Password"] = "not the password at all" }, "not right"),
            (new() { ["Code"] = authenticator.Code() == "000000" ? "111111" : "000000" }, "not right"),
            (new() { ["Password"] = new string('p', 1001) }, "1000"),
        })
        {
            using var refused = await member.FillInAsync(Page, "Turn two-factor sign-in off", fields);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = Parse(await refused.Content.ReadAsStringAsync());
            Assert.Contains(says, page.QuerySelector(".field-error")?.TextContent, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Two-factor sign-in is on for your account.", page.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        }
        using var visitor = StaffMember.Anonymous(App);
        using var password = await visitor.SubmitLoginAsync(member.Email, StaffMember.Password);
        Assert.StartsWith("/login/two-factor", password.Headers.Location?.OriginalString, StringComparison.Ordinal);

        using var withCode = await member.FillInAsync(Page, "Turn two-factor sign-in off", new Dictionary<string, string> { ["Code"] = authenticator.Code() });

        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        using var later = StaffMember.Anonymous(App);
        using var passwordOnly = await later.SubmitLoginAsync(member.Email, StaffMember.Password);
        Assert.Equal("/staff", passwordOnly.Headers.Location?.OriginalString);
    }
}
