using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;
using Undersigned.Features.Partners;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Partners;

/// <summary>The partner API's paging cursor: hostile, edited, borrowed or expired cursors are refused, and a good one holds its total across instances.</summary>
public sealed class PartnerApiCursorTests(PerDatabase<AppFixture> apps, ITestOutputHelper output) : PartnerApiTest(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task A_cursor_edited_or_written_by_hand_is_400_and_takes_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (c, key) = await PartnerWithKeyAsync();
        var first = await c.SignAsync(optInTo: [Coalition.Partner]);
        await c.SignAsync(optInTo: [Coalition.Partner]);
        await c.SignAsync(optInTo: [Coalition.Partner]);
        var next = await NextCursorAsync(App, c.Slug, Coalition.Partner, key);
        var middle = next.Length / 2;
        var edited = next[..middle] + (next[middle] == 'A' ? 'B' : 'A') + next[(middle + 1)..];
        // The shape this API's cursor once had, position and total in plain base64: anyone could write one.
        var handWritten = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"after:{first}/1000000")).TrimEnd('=');

        foreach (var cursor in new[] { edited, handWritten, next + "A", next[..^1], next.ToUpperInvariant() })
        {
            using var response = await GetWithKeyAsync($"{ApiPath(Coalition.Partner, c.Slug)}?cursor={Uri.EscapeDataString(cursor)}&per_page=1", key);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("@example.org", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Single(await c.ExportsAsync()); // the first page, and nothing since
    }

    [Theory, OnEachDatabase]
    public async Task A_cursor_given_for_another_petition_or_organization_is_400(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (c, key) = await PartnerWithKeyAsync();
        var other = await Coalition.CreateAsync(App);
        for (var i = 0; i < 2; i++)
        {
            await c.SignAsync(optInTo: [Coalition.Partner, Coalition.OtherPartner]);
            await other.SignAsync(optInTo: [Coalition.Partner]);
        }
        using var otherStaff = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.OtherPartner);
        var otherKey = await PartnerKeys.CreateAsync(otherStaff, Coalition.OtherPartner);
        var fromOtherPetition = await NextCursorAsync(App, other.Slug, Coalition.Partner, key);
        var fromOtherOrganization = await NextCursorAsync(App, c.Slug, Coalition.OtherPartner, otherKey);
        var exportsBefore = (await c.ExportsAsync()).Count;

        foreach (var cursor in new[] { fromOtherPetition, fromOtherOrganization })
        {
            using var response = await GetWithKeyAsync($"{ApiPath(Coalition.Partner, c.Slug)}?cursor={Uri.EscapeDataString(cursor)}", key);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        Assert.Equal(exportsBefore, (await c.ExportsAsync()).Count);
    }

    [Theory, OnEachDatabase]
    public async Task An_expired_cursor_is_400_and_says_to_start_again(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (c, key) = await PartnerWithKeyAsync();
        var first = await c.SignAsync(optInTo: [Coalition.Partner]);
        var second = await c.SignAsync(optInTo: [Coalition.Partner]);
        var scope = await App.QueryAsync(db => new ExportAccess(db).FindAsync(Coalition.Partner, c.Slug, CancellationToken.None));
        var protection = App.Services.GetRequiredService<IDataProtectionProvider>();
        var givenLongAgo = new PageCursor(protection, new ClockAt(DateTimeOffset.UtcNow - PageCursor.Lifetime - TimeSpan.FromMinutes(1)));
        var givenNow = new PageCursor(protection, TimeProvider.System);

        using var expired = await GetWithKeyAsync($"{ApiPath(Coalition.Partner, c.Slug)}?cursor={givenLongAgo.Create(scope!, first, 2)}", key);
        using var fresh = await GetWithKeyAsync($"{ApiPath(Coalition.Partner, c.Slug)}?cursor={givenNow.Create(scope!, first, 2)}", key);

        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        using var json = JsonDocument.Parse(await fresh.Content.ReadAsStringAsync());
        Assert.Equal($"undersigned:{second}", json.RootElement.GetProperty("_embedded").GetProperty("osdi:signatures")[0]
            .GetProperty("identifiers")[0].GetString());
    }

    [Theory, OnEachDatabase]
    public async Task Total_records_is_the_real_count_when_paging_began_and_stays_with_the_cursor(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (c, key) = await PartnerWithKeyAsync();
        await c.SignAsync(optInTo: [Coalition.Partner]);
        await c.SignAsync(optInTo: [Coalition.Partner]);
        await c.SignAsync(SignatureStatus.Pending, optInTo: [Coalition.Partner]);
        await c.SignAsync(optInTo: [Coalition.OtherPartner]);
        await c.SignAsync(withdrawnFrom: [Coalition.Partner]);

        var (firstTotal, next) = await TotalAndNextAsync($"{ApiPath(Coalition.Partner, c.Slug)}?per_page=1", key);
        var consenting = await ConsentingSignersAsync(c);
        await c.SignAsync(optInTo: [Coalition.Partner]);
        var (laterPageTotal, _) = await TotalAndNextAsync(next!, key);
        var (newSyncTotal, _) = await TotalAndNextAsync($"{ApiPath(Coalition.Partner, c.Slug)}?per_page=1", key);

        Assert.Equal(2, consenting);
        Assert.Equal(consenting, firstTotal);
        Assert.Equal(firstTotal, laterPageTotal); // one sync, one total: the pages add up to what the first one said
        Assert.Equal(await ConsentingSignersAsync(c), newSyncTotal);
        Assert.Equal(3, newSyncTotal);
    }

    [Theory, OnEachDatabase]
    public async Task A_cursor_given_by_one_instance_is_taken_by_another(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (c, key) = await PartnerWithKeyAsync();
        await c.SignAsync(optInTo: [Coalition.Partner]);
        var second = await c.SignAsync(optInTo: [Coalition.Partner]);
        var cursor = await NextCursorAsync(App, c.Slug, Coalition.Partner, key);
        await using var other = Fixture.CreateApp(Fixture.Database);
        await Task.Run(other.Start);

        using var client = other.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{ApiPath(Coalition.Partner, c.Slug)}?cursor={Uri.EscapeDataString(cursor)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal($"undersigned:{second}", json.RootElement.GetProperty("_embedded").GetProperty("osdi:signatures")[0]
            .GetProperty("identifiers")[0].GetString());
    }

    /// <summary>The cursor of the next page after the first, with one signer a page.</summary>
    private static async Task<string> NextCursorAsync(UndersignedApp app, string slug, string org, string key)
    {
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{ApiPath(org, slug)}?per_page=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var next = new Uri(json.RootElement.GetProperty("_links").GetProperty("next").GetProperty("href").GetString()!);
        return QueryHelpers.ParseQuery(next.Query)["cursor"].Single()!;
    }

    private async Task<(int Total, string? Next)> TotalAndNextAsync(string path, string key)
    {
        using var response = await GetWithKeyAsync(path, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var next = json.RootElement.GetProperty("_links").TryGetProperty("next", out var link)
            ? new Uri(link.GetProperty("href").GetString()!).PathAndQuery : null;
        return (json.RootElement.GetProperty("total_records").GetInt32(), next);
    }


    private sealed class ClockAt(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
