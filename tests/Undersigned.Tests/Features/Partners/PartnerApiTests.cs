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

/// <summary>The partner API: OSDI-shaped pages of consented signers, for a key of the right organization only.</summary>
public sealed class PartnerApiTests(PerDatabase<AppFixture> apps, ITestOutputHelper output) : PartnerApiTest(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task Paging_returns_every_opted_in_signer_exactly_once_and_records_each_page(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (c, key) = await PartnerWithKeyAsync();
        var expected = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            expected.Add($"undersigned:{await c.SignAsync(source: "daily-kos.email", optInTo: [Coalition.Partner])}");
            await c.SignAsync(SignatureStatus.Pending, optInTo: [Coalition.Partner]);
            await c.SignAsync(optInTo: [Coalition.OtherPartner]);
        }

        var seen = new List<string>();
        var path = ApiPath(Coalition.Partner, c.Slug) + "?per_page=3";
        var pages = 0;
        while (path is not null)
        {
            using var response = await GetWithKeyAsync(path, key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/hal+json", response.Content.Headers.ContentType?.MediaType);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = json.RootElement;
            Assert.Equal(7, root.GetProperty("total_records").GetInt32());
            Assert.Equal(3, root.GetProperty("per_page").GetInt32());
            seen.AddRange(root.GetProperty("_embedded").GetProperty("osdi:signatures").EnumerateArray()
                .Select(s => s.GetProperty("identifiers")[0].GetString()!));
            path = root.GetProperty("_links").TryGetProperty("next", out var next)
                ? new Uri(next.GetProperty("href").GetString()!).PathAndQuery : null;
            pages++;
        }

        Assert.Equal(expected, seen);
        Assert.Equal(3, pages);
        var exports = await c.ExportsAsync();
        Assert.Equal([3, 3, 1], exports.Select(e => e.Rows));
        Assert.All(exports, e => Assert.Equal(ExportChannel.Api, e.Channel));
        Assert.All(exports, e => Assert.NotNull(e.ApiKeyId));
        var lastUsed = await App.QueryAsync(db => db.ApiKeys.Where(k => k.Id == exports[0].ApiKeyId).Select(k => k.LastUsedAt).SingleAsync());
        Assert.NotNull(lastUsed);
    }

    [Theory, OnEachDatabase]
    public async Task A_signature_is_shaped_as_an_osdi_signature_with_its_person(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (c, key) = await PartnerWithKeyAsync();
        var id = await c.SignAsync(source: "daily-kos.newsletter", optInTo: [Coalition.Partner], firstName: "Rosa", country: "MX");

        using var response = await GetWithKeyAsync(ApiPath(Coalition.Partner, c.Slug), key, "OSDI-API-Token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var signature = json.RootElement.GetProperty("_embedded").GetProperty("osdi:signatures")[0];
        Assert.Equal($"undersigned:{id}", signature.GetProperty("identifiers")[0].GetString());
        Assert.Equal("daily-kos.newsletter", signature.GetProperty("referrer_data").GetProperty("source").GetString());
        var person = signature.GetProperty("person");
        Assert.Equal("Rosa", person.GetProperty("given_name").GetString());
        Assert.EndsWith("@example.org", person.GetProperty("email_addresses")[0].GetProperty("address").GetString(), StringComparison.Ordinal);
        Assert.True(person.GetProperty("email_addresses")[0].GetProperty("primary").GetBoolean());
        Assert.Equal("MX", person.GetProperty("postal_addresses")[0].GetProperty("country").GetString());
        Assert.False(json.RootElement.GetProperty("_links").TryGetProperty("next", out _));
    }

    [Theory, OnEachDatabase]
    public async Task A_revoked_key_is_401_and_takes_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App);
        await c.SignAsync(optInTo: [Coalition.Partner]);
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);
        var key = await PartnerKeys.CreateAsync(partner, Coalition.Partner);
        using (var before = await GetWithKeyAsync(ApiPath(Coalition.Partner, c.Slug), key))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        var keyId = await App.QueryAsync(db => db.ApiKeys.Where(k => k.Prefix == key.Substring(4, 10)).Select(k => k.Id).SingleAsync());

        await PartnerKeys.RevokeAsync(partner, Coalition.Partner, keyId);

        using var after = await GetWithKeyAsync(ApiPath(Coalition.Partner, c.Slug), key);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.DoesNotContain("@example.org", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await c.ExportsAsync());
    }

    [Theory, OnEachDatabase]
    public async Task A_key_of_another_organization_is_403_and_takes_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App);
        await c.SignAsync(optInTo: [Coalition.Partner]);
        using var other = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.OtherPartner);
        var otherKey = await PartnerKeys.CreateAsync(other, Coalition.OtherPartner);

        using var response = await GetWithKeyAsync(ApiPath(Coalition.Partner, c.Slug), otherKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("@example.org", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await c.ExportsAsync());
    }

    [Theory]
    [OnEachDatabase((string?)null)]
    [OnEachDatabase("usk_aaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [OnEachDatabase("not a key at all")]
    [OnEachDatabase("")]
    public async Task A_missing_or_made_up_key_is_401(DatabaseProvider provider, string? key)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App);

        using var response = await GetWithKeyAsync(ApiPath(Coalition.Partner, c.Slug), key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory, OnEachDatabase]
    public async Task A_key_with_the_right_prefix_and_a_wrong_secret_is_401(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (c, key) = await PartnerWithKeyAsync();
        var forged = key[..^4] + (key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        using var response = await GetWithKeyAsync(ApiPath(Coalition.Partner, c.Slug), forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [OnEachDatabase("cursor=%27%20OR%201%3D1--")]
    [OnEachDatabase("cursor=YWZ0ZXI6LTEvNQ")]
    [OnEachDatabase("cursor=YWZ0ZXI6MQ")]
    [OnEachDatabase("cursor=YWZ0ZXI6MS81MA%3D%3D")]
    [OnEachDatabase("cursor=MTIz")]
    [OnEachDatabase("cursor=")]
    [OnEachDatabase("cursor=YWZ0ZXI6OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTkvMQ")]
    [OnEachDatabase("cursor=YWZ0ZXI6MS8tMQ")]
    [OnEachDatabase("per_page=0")]
    [OnEachDatabase("per_page=501")]
    [OnEachDatabase("per_page=ten")]
    [OnEachDatabase("per_page=-5")]
    public async Task A_hostile_cursor_or_page_size_is_400(DatabaseProvider provider, string query)
    {
        await UseAsync(provider);

        var (c, key) = await PartnerWithKeyAsync();
        await c.SignAsync(optInTo: [Coalition.Partner]);

        using var response = await GetWithKeyAsync($"{ApiPath(Coalition.Partner, c.Slug)}?{query}", key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await c.ExportsAsync());
    }

    [Theory, OnEachDatabase]
    public async Task A_partner_the_lead_does_not_let_download_gets_403_from_the_api(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App, partnerMayDownload: false);
        await c.SignAsync(optInTo: [Coalition.Partner]);
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);
        var key = await PartnerKeys.CreateAsync(partner, Coalition.Partner);

        using var response = await GetWithKeyAsync(ApiPath(Coalition.Partner, c.Slug), key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory, OnEachDatabase]
    public async Task Signed_in_staff_of_the_organization_may_read_it_without_a_key(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App);
        await c.SignAsync(optInTo: [Coalition.Partner]);
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);
        using var other = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.OtherPartner);

        using var own = await partner.Http.GetAsync(ApiPath(Coalition.Partner, c.Slug));
        using var notOwn = await other.Http.GetAsync(ApiPath(Coalition.Partner, c.Slug));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notOwn.StatusCode);
        Assert.Equal(partner.Email, Assert.Single(await c.ExportsAsync()).ExportedBy);
    }

    [Theory, OnEachDatabase]
    public async Task The_openapi_document_describes_the_endpoint_and_its_keys(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var client = App.CreateHttpClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var root = json.RootElement;
        var operation = root.GetProperty("paths").GetProperty("/api/v1/partners/{org}/petitions/{slug}/signatures").GetProperty("get");
        Assert.Equal("ListPartnerSignatures", operation.GetProperty("operationId").GetString());
        Assert.True(operation.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/hal+json", out _));
        Assert.Contains(operation.GetProperty("security").EnumerateArray(), s => s.TryGetProperty("partnerKey", out _));
        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("partnerKey").GetProperty("scheme").GetString());
        Assert.Equal("OSDI-API-Token", schemes.GetProperty("osdiApiToken").GetProperty("name").GetString());
    }
}
