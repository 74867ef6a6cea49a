using System.Net;
using OtpNet;
using Undersigned.Tests.Infrastructure;

namespace Undersigned.Tests.Features.Staff;

/// <summary>An authenticator app set up from the key on the two-factor page, as a staff member would scan it.</summary>
public sealed class Authenticator(Totp totp)
{
    public const string Page = "/account/two-factor";

    public string Code() => totp.ComputeTotp();

    /// <summary>Turns two-factor sign-in on for <paramref name="member"/>; returns the app and the recovery codes shown.</summary>
    public static async Task<(Authenticator App, IReadOnlyList<string> RecoveryCodes)> TurnOnAsync(StaffMember member)
    {
        var page = await member.GetPageAsync(Page);
        var key = page.QuerySelector("main code")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        var app = new Authenticator(new Totp(Base32Encoding.ToBytes(key.ToUpperInvariant())));
        using var enabled = await member.FillInAsync(Page, "Turn two-factor sign-in on", new Dictionary<string, string> { ["Code"] = app.Code() });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var shown = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await enabled.Content.ReadAsStringAsync());
        return (app, [.. shown.QuerySelectorAll("ul.codes li").Select(li => li.TextContent.Trim())]);
    }

    /// <summary>Logs in from a new browser through both steps: the password, then this app's code.</summary>
    public async Task<StaffMember> LogInAsync(UndersignedApp app, string email)
    {
        var browser = StaffMember.Anonymous(app);
        using var password = await browser.SubmitLoginAsync(email, StaffMember.Password);
        Assert.StartsWith("/login/two-factor", password.Headers.Location?.OriginalString, StringComparison.Ordinal);
        using var code = await browser.FillInAsync("/login/two-factor", "Log in", new Dictionary<string, string> { ["Code"] = Code() });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        return browser;
    }
}
