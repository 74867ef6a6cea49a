using System.Net;
using System.Net.Http.Headers;
using Undersigned.Browser.Tests.Hosting;
using Undersigned.Browser.Tests.Pages;
using Undersigned.Browser.Tests.Pages.Staff;
using Undersigned.Data;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Undersigned.Browser.Tests.Partners;

public sealed class ApiKeyJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_partner_creates_a_key_their_crm_can_use_and_revokes_it() => WithPageAsync(async page =>
    {
        await LoginPage.LogInAsync(page, await App.CreateAsync(StaffRoles.Partner, StaffAccounts.Partner));
        await page.WaitForURLAsync($"**/partners/{StaffAccounts.Partner}");
        var name = $"CRM sync {Guid.NewGuid():N}"[..17];

        var keys = await KeysPage.FromDashboardAsync(page);
        var key = await keys.CreateAsync(name);

        Assert.Matches("^usk_[a-z2-9]{10}_[A-Za-z0-9_-]{43}$", key);
        Assert.Equal(HttpStatusCode.OK, await CrmAsksAsync(key));
        await keys.RevokeAsync(name);
        await Expect(keys.StateOf(name)).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await CrmAsksAsync(key));
    });

    /// <summary>What the partner's CRM gets when it asks the partner API for the demo petition's signers with the key.</summary>
    private async Task<HttpStatusCode> CrmAsksAsync(string key)
    {
        using var crm = new HttpClient { BaseAddress = Origin };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/partners/{StaffAccounts.Partner}/petitions/{PetitionPage.DemoSlug}/signatures");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await crm.SendAsync(request);
        return response.StatusCode;
    }
}
