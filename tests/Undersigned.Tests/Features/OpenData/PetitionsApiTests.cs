using System.Net;
using System.Text.Json;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.OpenData;

/// <summary>The public JSON API: what partners, press and the public read, and nothing personal.</summary>
public sealed class PetitionsApiTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task The_list_includes_the_demo_petition_with_its_public_fields(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var client = App.CreateHttpClient();

        using var response = await client.GetAsync("/api/petitions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        var demo = json.RootElement.EnumerateArray().Single(p => p.GetProperty("slug").GetString() == Demo);
        AssertPublicFields(demo, await StoredAsync());
    }

    [Theory, OnEachDatabase]
    public async Task A_petition_lists_its_lead_and_all_nine_partner_organizations(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var client = App.CreateHttpClient();

        using var response = await client.GetAsync($"/api/petitions/{Demo}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        AssertPublicFields(json.RootElement, await StoredAsync());
        var organizations = json.RootElement.GetProperty("organizations").EnumerateArray()
            .Select(o => (Slug: o.GetProperty("slug").GetString(), Name: o.GetProperty("name").GetString())).ToList();
        Assert.All(organizations, o => Assert.False(string.IsNullOrWhiteSpace(o.Slug)));
        string[] partners =
        [
            "Action Center on Race and the Economy", "Daily Kos", "Demand Progress", "Fight for the Future",
            "Freedom to Thrive", "Media Alliance", "MPower Change", "Restore The Fourth", "River Valley Organizing",
        ];
        Assert.Subset(organizations.Select(o => o.Name).ToHashSet(), partners.ToHashSet<string?>());
        Assert.Equal(partners.Length + 1, organizations.Count); // the partners and the lead organization
        Assert.Equal(organizations.Count, organizations.Select(o => o.Slug).Distinct().Count());
    }

    [Theory, OnEachDatabase]
    public async Task The_count_in_the_API_moves_with_each_signature(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var before = await ApiCountAsync(Demo);
        using var signer = NewSigner();
        using var signed = await signer.SignAsync(Demo, new SignatureForm());
        Assert.Equal(HttpStatusCode.Found, signed.StatusCode);

        Assert.Equal(before + 1, await ApiCountAsync(Demo));
        Assert.Equal((await StoredAsync()).PetitionCount, await ApiCountAsync(Demo));
    }

    [Theory, OnEachDatabase]
    public async Task The_API_shows_no_personal_data_of_signers(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var form = new SignatureForm { FirstName = $"Mariame{Guid.NewGuid():N}"[..16], LastName = "Kaba", ShowNamePublicly = true };
        using var signer = NewSigner();
        using var signed = await signer.SignAsync(Demo, form);
        Assert.Equal(HttpStatusCode.Found, signed.StatusCode);
        using var client = App.CreateHttpClient();

        foreach (var path in new[] { "/api/petitions", $"/api/petitions/{Demo}" })
        {
            var body = await client.GetStringAsync(path);
            Assert.DoesNotContain(form.Email!, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(form.FirstName!, body, StringComparison.Ordinal);
        }
    }

    [Theory, OnEachDatabase]
    public async Task A_reader_polling_the_count_gets_304_until_it_changes(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var client = App.CreateHttpClient();
        using var first = await client.GetAsync($"/api/petitions/{Demo}");
        var etag = first.Headers.ETag!;
        Assert.Equal("public, max-age=1", first.Headers.CacheControl!.ToString());

        using var unchanged = new HttpRequestMessage(HttpMethod.Get, $"/api/petitions/{Demo}");
        unchanged.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(unchanged);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using (var signer = NewSigner())
        using (var signed = await signer.SignAsync(Demo, new SignatureForm()))
        {
            Assert.Equal(HttpStatusCode.Found, signed.StatusCode);
        }
        using var changed = new HttpRequestMessage(HttpMethod.Get, $"/api/petitions/{Demo}");
        changed.Headers.IfNoneMatch.Add(etag);
        using var modified = await client.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
        Assert.NotEqual(etag, modified.Headers.ETag);
    }

    [Theory, OnEachDatabase]
    public async Task An_unknown_petition_is_a_404_problem(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var client = App.CreateHttpClient();

        using var response = await client.GetAsync("/api/petitions/no-such-petition");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, json.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("title").GetString()));
    }

    [Theory, OnEachDatabase]
    public async Task The_health_check_answers_200_when_the_database_answers(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var client = App.CreateHttpClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    private static void AssertPublicFields(JsonElement petition, StoredState stored)
    {
        Assert.Equal(Demo, petition.GetProperty("slug").GetString());
        Assert.Contains("ShotSpotter", petition.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("ShotSpotter's CEO", petition.GetProperty("target").GetProperty("name").GetString());
        Assert.Equal(stored.PetitionCount, petition.GetProperty("signatureCount").GetInt32());
        Assert.Equal(100_000, petition.GetProperty("goal").GetInt32());
        Assert.Equal("open", petition.GetProperty("status").GetString());
    }
}
