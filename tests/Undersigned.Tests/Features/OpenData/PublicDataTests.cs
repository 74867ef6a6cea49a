using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Features.Moderation;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.OpenData;

/// <summary>
/// Where and when people signed, in the petition's public JSON: by country, by US state and over time, from the
/// counters, readable from any site, and nothing finer than a state.
/// </summary>
public sealed class PublicDataTests(PerDatabase<ModerationApp> apps, ITestOutputHelper output) : ModerationTest(apps, output)
{
    private static readonly (string Country, string PostalCode)[] Places =
        [("US", "60601"), ("US", "60614"), ("US", "10027"), ("CA", "M5V 2T6"), ("US", "00000")];

    [Theory, OnEachDatabase]
    public async Task The_petition_json_gives_signatures_by_country_state_and_hour_and_they_add_up_to_the_count(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, _) = await AddPetitionAsync();
        await SignFromAsync(slug, Places);
        using var client = App.CreateHttpClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/petitions/{slug}"));
        var root = json.RootElement;
        Assert.Equal(5, root.GetProperty("signatureCount").GetInt32());
        Assert.Equal([("US", "United States", 4), ("CA", "Canada", 1)], PlacesIn(root, "signaturesByCountry"));
        Assert.Equal([("IL", "Illinois", 2), ("NY", "New York", 1)], PlacesIn(root, "signaturesByUsState"));
        var hours = root.GetProperty("signaturesOverTime").EnumerateArray().ToList();
        var hour = Assert.Single(hours);
        Assert.Equal((5, 5), (hour.GetProperty("count").GetInt32(), hour.GetProperty("cumulative").GetInt32()));
        var start = hour.GetProperty("hour").GetDateTime().ToUniversalTime();
        Assert.Equal((0, 0), (start.Minute, start.Second));
        Assert.True(DateTime.UtcNow - start < TimeSpan.FromHours(2), $"{start:O}");
        Assert.DoesNotContain("60601", root.GetRawText(), StringComparison.Ordinal); // states, never ZIP codes

        var countries = await client.GetStringAsync($"/p/{slug}/data/countries.csv");
        Assert.Equal("code,name,count\r\nUS,United States,4\r\nCA,Canada,1\r\n", countries);
        Assert.Equal("code,name,count\r\nIL,Illinois,2\r\nNY,New York,1\r\n", await client.GetStringAsync($"/p/{slug}/data/states.csv"));
        Assert.Equal($"hour,count,cumulative\r\n{start:yyyy-MM-dd'T'HH}:00:00Z,5,5\r\n", await client.GetStringAsync($"/p/{slug}/data/over-time.csv"));
        Assert.Equal($"hour,count,cumulative\r\n{start:yyyy-MM-dd}T00:00:00Z,5,5\r\n", await client.GetStringAsync($"/p/{slug}/data/over-time.csv?bucket=day"));

        using var daily = JsonDocument.Parse(await client.GetStringAsync($"/api/petitions/{slug}?bucket=day"));
        var day = Assert.Single(daily.RootElement.GetProperty("signaturesOverTime").EnumerateArray().ToList());
        Assert.Equal(start.Date, day.GetProperty("hour").GetDateTime().ToUniversalTime());
        Assert.Equal(5, day.GetProperty("cumulative").GetInt32());
    }

    [Theory, OnEachDatabase]
    public async Task Invalidated_and_withdrawn_signatures_leave_the_breakdowns(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        await SignFromAsync(slug, Places);
        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        var job = await StartAsync(admin, slug, "Country=CA", "Signed from outside the city");
        while (await StepAsync(job))
        {
        }

        using var client = App.CreateHttpClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/petitions/{slug}"));
        Assert.Equal(4, json.RootElement.GetProperty("signatureCount").GetInt32());
        Assert.Equal([("US", "United States", 4)], PlacesIn(json.RootElement, "signaturesByCountry"));
        Assert.Equal(4, Assert.Single(json.RootElement.GetProperty("signaturesOverTime").EnumerateArray().ToList()).GetProperty("count").GetInt32());
    }

    [Theory, OnEachDatabase]
    public async Task A_bucket_other_than_hour_or_day_is_a_400_and_drafts_and_unknown_petitions_are_404(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        using var client = App.CreateHttpClient();

        foreach (var bucket in new[] { "minute", "1", "", "hour;day", "Hour%00" })
        {
            using var response = await client.GetAsync($"/api/petitions/{slug}?bucket={bucket}");
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"bucket={bucket}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using (var day = await client.GetAsync($"/api/petitions/{slug}?bucket=DAY"))
        {
            Assert.Equal(HttpStatusCode.OK, day.StatusCode);
        }
        using (var csv = await client.GetAsync($"/p/{slug}/data/over-time.csv?bucket=minute"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        }
        await App.QueryAsync(db => db.Petitions.Where(p => p.Id == id).ExecuteUpdateAsync(p => p.SetProperty(x => x.Status, PetitionStatus.Draft)));
        foreach (var path in new[] { "/api/petitions/no-such-petition?bucket=day", $"/api/petitions/{slug}", $"/p/{slug}/data/countries.csv",
                     $"/p/{slug}/data/states.csv", $"/p/{slug}/data/over-time.csv", "/p/no-such-petition/data/countries.csv" })
        {
            using var missing = await client.GetAsync(path);
            Assert.True(missing.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)missing.StatusCode}");
        }
    }

    [Theory, OnEachDatabase]
    public async Task Any_site_may_read_the_public_json_and_no_other_route(DatabaseProvider provider)
    {
        await UseAsync(provider);
        using var client = App.CreateHttpClient();

        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/petitions/{Demo}");
        read.Headers.Add("Origin", "https://partner.example");
        using var answered = await client.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("*", answered.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", answered.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"/api/petitions/{Demo}");
        preflight.Headers.Add("Origin", "https://partner.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "if-none-match");
        using var allowed = await client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Contains("GET", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);

        using var post = new HttpRequestMessage(HttpMethod.Options, $"/api/petitions/{Demo}");
        post.Headers.Add("Origin", "https://partner.example");
        post.Headers.Add("Access-Control-Request-Method", "POST");
        using var refused = await client.SendAsync(post);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Methods") &&
                     refused.Headers.GetValues("Access-Control-Allow-Methods").Single().Contains("POST", StringComparison.Ordinal));

        using var page = new HttpRequestMessage(HttpMethod.Get, $"/p/{Demo}");
        page.Headers.Add("Origin", "https://partner.example");
        using var shown = await client.SendAsync(page);
        Assert.False(shown.Headers.Contains("Access-Control-Allow-Origin"));

        var openApi = await client.GetStringAsync("/openapi/v1.json");
        foreach (var field in new[] { "signaturesByCountry", "signaturesByUsState", "signaturesOverTime", "cumulative", "\"bucket\"" })
        {
            Assert.Contains(field, openApi, StringComparison.Ordinal);
        }
    }

    private static List<(string?, string?, int)> PlacesIn(JsonElement root, string name) =>
        root.GetProperty(name).EnumerateArray()
            .Select(p => (p.GetProperty("code").GetString(), p.GetProperty("name").GetString(), p.GetProperty("count").GetInt32())).ToList();
}
