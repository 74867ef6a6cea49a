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

/// <summary>What the partner API's tests share: the endpoint's path, a request with a key, a partner with a key of its own.</summary>
public abstract class PartnerApiTest(PerDatabase<AppFixture> apps, ITestOutputHelper output) : IntegrationTest(apps, output)
{
    protected static string ApiPath(string org, string slug) => $"/api/v1/partners/{org}/petitions/{slug}/signatures";

    protected async Task<HttpResponseMessage> GetWithKeyAsync(string path, string? key, string header = "Authorization")
    {
        using var client = App.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null && header == "Authorization")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        else if (key is not null)
        {
            request.Headers.Add(header, key);
        }
        return await client.SendAsync(request);
    }

    protected async Task<(Coalition Coalition, string Key)> PartnerWithKeyAsync()
    {
        var c = await Coalition.CreateAsync(App);
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);
        return (c, await PartnerKeys.CreateAsync(partner, Coalition.Partner));
    }

    /// <summary>The signers the partner may take, read straight from the database.</summary>
    protected Task<int> ConsentingSignersAsync(Coalition c) => App.QueryAsync(db => (
        from o in db.PartnerOptIns
        join s in db.Signatures on o.SignatureId equals s.Id
        join org in db.Organizations on o.OrganizationId equals org.Id
        where o.PetitionId == c.PetitionId && org.Slug == Coalition.Partner && s.Status == SignatureStatus.Counted
        select o).CountAsync());
}
