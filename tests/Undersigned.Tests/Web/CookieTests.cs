using System.Net;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Web;

/// <summary>A reader who has not started signing gets no cookie; a signer gets only the antiforgery cookie.</summary>
public sealed class CookieTests(PerDatabase<AppFixture> apps, ITestOutputHelper output) : IntegrationTest(apps, output)
{
    public static TheoryData<string> PagesWithoutAForm =>
    [
        "/",
        "/?culture=es",
        $"/p/{Demo}/thanks",
        "/api/petitions",
        $"/api/petitions/{Demo}",
        "/healthz",
        "/no-such-page",
    ];

    [Theory, OnEachDatabase(Rows = nameof(PagesWithoutAForm))]
    public async Task Reading_sets_no_cookie_at_all(DatabaseProvider provider, string path)
    {
        await UseAsync(provider);

        using var client = App.CreateHttpClient();

        using var response = await client.GetAsync(path);

        Assert.True((int)response.StatusCode is 200 or 404, $"{path}: {response.StatusCode}");
        Assert.Empty(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []);
    }

    [Theory, OnEachDatabase]
    public async Task The_petition_page_sets_only_the_antiforgery_cookie_HttpOnly_and_SameSite_Strict(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var client = App.CreateHttpClient();

        using var response = await client.GetAsync($"/p/{Demo}?culture=es");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var parts = cookie.Split(';', StringSplitOptions.TrimEntries);
        Assert.StartsWith("undersigned-form=", parts[0], StringComparison.Ordinal);
        Assert.Contains(parts, p => p.Equals("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(parts, p => p.Equals("samesite=strict", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(parts, p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase)
            || p.StartsWith("max-age=", StringComparison.OrdinalIgnoreCase)); // gone when the browser closes
    }

    [Theory, OnEachDatabase]
    public async Task A_returning_signer_is_not_given_a_second_cookie(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();
        await signer.OpenAsync(Demo);

        using var again = await signer.Http.GetAsync($"/p/{Demo}");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(again.Headers.Contains("Set-Cookie"));
    }
}
