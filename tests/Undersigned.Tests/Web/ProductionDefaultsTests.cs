using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Web;

/// <summary>
/// The app as it runs in Production, on Kestrel over plain HTTP with no proxy configured, as behind a proxy that ends
/// TLS and forwards nothing: cookies are Secure and HSTS is sent all the same, only the public host is answered, and
/// no answer names the server software. <c>App:AllowPlainHttp=true</c> turns the first two off.
/// </summary>
public sealed class ProductionDefaultsTests(PerDatabase<ProductionApp> apps, ITestOutputHelper output)
    : IntegrationTest<ProductionApp>(apps, output)
{
    private const string PublicHost = ProductionApp.PublicHost;

    [Theory, OnEachDatabase]
    public async Task Every_cookie_is_Secure_and_every_answer_carries_HSTS_over_plain_HTTP(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var email = $"partner.{Guid.NewGuid():N}@staff.example.org";
        await StaffMember.CreateAsync(App, email, StaffRoles.Partner, "daily-kos");
        var authenticator = await TurnOnTwoFactorAsync(email);
        using var browser = new ProxiedBrowser(App.Address, PublicHost);

        using var petition = await browser.Http.GetAsync($"/p/{Demo}");
        using var password = await browser.SubmitAsync("/login", new() { ["Email"] = email, ["Password"] = StaffMember.Password });
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var twoFactor = password.Headers.Location!.OriginalString;
        Assert.StartsWith("/login/two-factor", twoFactor, StringComparison.Ordinal);
        using var code = await browser.SubmitAsync(twoFactor, new() { ["Code"] = authenticator.ComputeTotp() });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        using var home = await browser.Http.GetAsync("/staff");
        using var missing = await browser.Http.GetAsync("/no-such-page");

        // Signed in over plain HTTP, because the browser on the other side of the proxy sent its Secure cookies back.
        Assert.Equal("/partners/daily-kos", home.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Superset(new HashSet<string> { "undersigned-form", "undersigned-staff-2fa", "undersigned-staff" },
            browser.SetCookies.Select(c => c[..c.IndexOf('=', StringComparison.Ordinal)]).ToHashSet());
        Assert.All(browser.SetCookies, cookie => Assert.Contains("secure", Attributes(cookie)));
        Assert.All(new[] { petition, password, code, home, missing }, response =>
            Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security"))));
    }

    [Theory, OnEachDatabase]
    public async Task With_plain_HTTP_allowed_cookies_are_not_Secure_and_no_HSTS_is_sent_over_plain_HTTP(DatabaseProvider provider)
    {
        await UseAsync(provider);

        await using var plain = Fixture.CreateApp(Fixture.Database, "Production", new Dictionary<string, string?>
        {
            ["App:PublicUrl"] = $"http://{PublicHost}",
            ["App:AllowPlainHttp"] = "true",
            ["Email:Transport"] = "DevMailbox",
        });
        await Task.Run(plain.Start);
        var email = $"partner.{Guid.NewGuid():N}@staff.example.org";
        await StaffMember.CreateAsync(plain, email, StaffRoles.Partner, "daily-kos");
        using var browser = new ProxiedBrowser(plain.Address, PublicHost);

        using var petition = await browser.Http.GetAsync($"/p/{Demo}");
        using var login = await browser.SubmitAsync("/login", new() { ["Email"] = email, ["Password"] = StaffMember.Password });

        Assert.Equal(HttpStatusCode.OK, petition.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Superset(new HashSet<string> { "undersigned-form", "undersigned-staff" },
            browser.SetCookies.Select(c => c[..c.IndexOf('=', StringComparison.Ordinal)]).ToHashSet());
        Assert.All(browser.SetCookies, cookie => Assert.DoesNotContain("secure", Attributes(cookie)));
        Assert.False(petition.Headers.Contains("Strict-Transport-Security"));
        Assert.False(login.Headers.Contains("Strict-Transport-Security"));
    }

    public static TheoryData<string> Paths => ["/", $"/p/{Demo}", "/api/petitions", "/healthz", "/login", "/openapi/v1.json"];

    [Theory, OnEachDatabase(Rows = nameof(Paths))]
    public async Task Only_the_public_host_is_answered(DatabaseProvider provider, string path)
    {
        await UseAsync(provider);

        using var client = App.CreateHttpClient();

        using var evil = await SendAsync(client, path, "evil.example");
        using var loopback = await SendAsync(client, path, App.Address.Authority);
        using var subdomain = await SendAsync(client, path, $"evil.{PublicHost}");
        using var own = await SendAsync(client, path, PublicHost);

        Assert.Equal(HttpStatusCode.BadRequest, evil.StatusCode);
        Assert.DoesNotContain("evil.example", await evil.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, loopback.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, subdomain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Theory]
    [OnEachDatabase("/", "petitions.example.org", 200)]
    [OnEachDatabase("/no-such-page", "petitions.example.org", 404)]
    [OnEachDatabase("/admin", "petitions.example.org", 302)]
    [OnEachDatabase("/api/petitions/no-such-petition", "petitions.example.org", 404)]
    [OnEachDatabase("/", "evil.example", 400)]
    public async Task No_answer_names_the_server_software(DatabaseProvider provider, string path, string host, int status)
    {
        await UseAsync(provider);

        using var client = App.CreateHttpClient();

        using var response = await SendAsync(client, path, host);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Empty(response.Headers.Server);
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return await client.SendAsync(request);
    }

    private static string[] Attributes(string setCookie) =>
        setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToArray();

    private async Task<Totp> TurnOnTwoFactorAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}.");
        await users.ResetAuthenticatorKeyAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return new Totp(Base32Encoding.ToBytes(key!));
    }
}

/// <summary>The app in Production with the two settings it cannot start without.</summary>
public class ProductionApp : AppFixture
{
    public const string PublicHost = "petitions.example.org";

    protected override string HostEnvironment => "Production";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["App:PublicUrl"] = $"https://{PublicHost}",
        ["Email:Transport"] = "DevMailbox",
    };
}
