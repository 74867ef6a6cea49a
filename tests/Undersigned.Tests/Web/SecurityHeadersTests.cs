using System.Net;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Web;

/// <summary>
/// The headers that keep a signer's browser from loading or running anything the platform did not serve itself,
/// on pages, on JSON and on error pages alike.
/// </summary>
public sealed class SecurityHeadersTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    private static readonly string[] StrictReferrerPolicies =
        ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];

    public static TheoryData<string, string, int> Requests => new()
    {
        { "GET", "/", 200 },
        { "GET", $"/p/{Demo}", 200 },
        { "GET", $"/p/{Demo}/thanks", 200 },
        { "GET", "/api/petitions", 200 },
        { "GET", $"/api/petitions/{Demo}", 200 },
        { "GET", "/healthz", 200 },
        { "GET", "/api/petitions/no-such-petition", 404 },
        { "GET", "/no-such-page", 404 },
        { "GET", "/p/no-such-petition", 404 },
        { "POST", $"/p/{Demo}", 400 },
    };

    [Theory, OnEachDatabase(Rows = nameof(Requests))]
    public async Task Every_answer_carries_the_security_headers(DatabaseProvider provider, string method, string path, int status)
    {
        await UseAsync(provider);

        using var client = App.CreateHttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent(new SignatureForm().Fields()); // no antiforgery token
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        AssertContentSecurityPolicy(Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Contains(Header(response, "Referrer-Policy"), StrictReferrerPolicies);
    }

    [Theory, OnEachDatabase]
    public async Task HSTS_is_sent_on_HTTPS_outside_Development(DatabaseProvider provider)
    {
        await UseAsync(provider);

        await using var production = Fixture.CreateApp(Fixture.Database, environment: "Production", useKestrel: false,
            settings: new Dictionary<string, string?> { ["App:PublicUrl"] = "https://petitions.example.org", ["Email:Transport"] = "DevMailbox" });
        using var client = production.CreateDefaultClient(new Uri("https://petitions.example.org"), new NoServerErrors());

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hsts = Header(response, "Strict-Transport-Security");
        var maxAge = hsts.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("max-age=", StringComparison.Ordinal));
        Assert.True(long.Parse(maxAge["max-age=".Length..], System.Globalization.CultureInfo.InvariantCulture) > 0, hsts);
    }

    [Theory, OnEachDatabase]
    public async Task HSTS_is_not_sent_in_Development(DatabaseProvider provider)
    {
        await UseAsync(provider);

        await using var development = Fixture.CreateApp(Fixture.Database, environment: "Development", useKestrel: false);
        using var client = development.CreateDefaultClient(new Uri("https://petitions.example.org"), new NoServerErrors());

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} answered without {name}.");

    /// <summary>Nothing inline, nothing from another origin, no framing.</summary>
    private static void AssertContentSecurityPolicy(string policy)
    {
        var directives = policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.True(directives.ContainsKey("default-src"), policy);
        Assert.Equal(["'self'"], directives["script-src"]);
        foreach (var (name, sources) in directives)
        {
            foreach (var source in sources)
            {
                // 'self', 'none' and data: images are the only sources; no host, scheme wildcard or unsafe keyword.
                Assert.True(source is "'self'" or "'none'" || (source == "data:" && name == "img-src"),
                    $"{name} allows {source}: {policy}");
            }
        }
    }
}
