using System.Net;
using OtpNet;
using Undersigned.Data;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Staff;

/// <summary>Two-factor sign-in as a staff member sets it up: the key from the page into an authenticator, then its codes.</summary>
public abstract class TwoFactorTests(AppFixture fixture, ITestOutputHelper output) : IntegrationTest(fixture, output)
{
    private const string Page = "/account/two-factor";

    [Fact]
    public async Task With_two_factor_on_a_password_alone_no_longer_logs_in_and_the_apps_code_does()
    {
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
}

public sealed class TwoFactorTestsOnSqlite(SqliteApp app, ITestOutputHelper output)
    : TwoFactorTests(app, output), IClassFixture<SqliteApp>;

public sealed class TwoFactorTestsOnPostgres(PostgresApp app, ITestOutputHelper output)
    : TwoFactorTests(app, output), IClassFixture<PostgresApp>;
