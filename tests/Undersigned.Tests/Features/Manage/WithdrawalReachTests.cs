using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;
using Undersigned.Features.Signing;
using Undersigned.Storage;
using Undersigned.Tests.Features.Partners;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Manage;

/// <summary>
/// A signer who withdraws through their manage link is gone from everything that reaches others: the partner's
/// CSV, the partner API, the delivery package, and the count.
/// </summary>
public sealed class WithdrawalReachTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task A_withdrawn_signer_leaves_the_csv_the_partner_api_the_delivery_and_the_count(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var c = await Coalition.CreateAsync(App);
        var staying = await c.SignAsync(optInTo: [Coalition.Partner], firstName: "Staying");
        var leaving = await c.SignAsync(optInTo: [Coalition.Partner], firstName: "Leaving");
        await App.QueryAsync(db => db.Petitions.Where(p => p.Id == c.PetitionId)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.SignatureCount, 2)));
        var token = await ManageTokenAsync(leaving);
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, Coalition.Partner);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Coalition.Lead);
        var key = await PartnerKeys.CreateAsync(partner, Coalition.Partner);
        Assert.Contains("Leaving", await ExportsAsync(partner, organizer, key, c.Slug), StringComparison.Ordinal);

        using var signer = NewSigner();
        var page = $"/p/{c.Slug}/manage/{token}";
        var withdraw = await signer.FormAsync(page, "Withdraw my signature");
        using var withdrawn = await withdraw.Check("ConfirmWithdrawal").SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var everything = await ExportsAsync(partner, organizer, key, c.Slug);
        Assert.DoesNotContain("Leaving", everything, StringComparison.Ordinal);
        Assert.Contains("Staying", everything, StringComparison.Ordinal);
        Assert.Equal(1, await ApiCountAsync(c.Slug));
        Assert.Equal(staying, await App.QueryAsync(db => db.Signatures
            .Where(s => s.PetitionId == c.PetitionId && s.Status == SignatureStatus.Counted).Select(s => s.Id).SingleAsync()));
    }

    /// <summary>The partner's CSV, one page of the partner API, and the delivery CSV, one after the other.</summary>
    private static async Task<string> ExportsAsync(StaffMember partner, StaffMember organizer, string key, string slug)
    {
        using var csv = await partner.Http.GetAsync($"/partners/{Coalition.Partner}/petitions/{slug}/signers.csv");
        using var api = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/partners/{Coalition.Partner}/petitions/{slug}/signatures");
        api.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var apiAnswer = await partner.Http.SendAsync(api);
        using var delivery = await organizer.Http.GetAsync($"/admin/petitions/{slug}/delivery/signers.csv");
        Assert.All(new[] { csv, apiAnswer, delivery }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        return string.Join("\n---\n", await csv.Content.ReadAsStringAsync(), await apiAnswer.Content.ReadAsStringAsync(),
            await delivery.Content.ReadAsStringAsync());
    }

    private async Task<string> ManageTokenAsync(long signatureId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        var token = ManageLinks.Create(db, signatureId, DateTime.UtcNow, TimeSpan.FromDays(1));
        await db.SaveChangesAsync();
        return token;
    }
}
