using System.Collections.Concurrent;
using Undersigned.Browser.Tests.Hosting;
using Undersigned.Browser.Tests.Pages;
using Xunit.Abstractions;

namespace Undersigned.Browser.Tests.Privacy;

/// <summary>A petition against surveillance must not hand its signers to anyone else: no fonts, scripts or pixels from elsewhere.</summary>
public sealed class NoThirdPartyRequestTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Signing_and_confirming_make_no_request_to_any_other_origin() => WithPageAsync(async page =>
    {
        var requests = new ConcurrentQueue<(string Method, string Url)>();
        page.Context.Request += (_, request) => requests.Enqueue((request.Method, request.Url));

        var signer = Signer.New();
        var petition = await PetitionPage.OpenAsync(page);
        await petition.SignAsync(signer);
        var confirmed = await ConfirmationPage.ConfirmAsync(page, await Mailbox.ConfirmationLinkForAsync(signer.Email));
        await confirmed.BackToPetitionAsync();
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        var origin = Origin.GetLeftPart(UriPartial.Authority);
        Assert.Contains(requests, r => r.Method == "POST");
        var elsewhere = requests.Where(r => !r.Url.StartsWith(origin + "/", StringComparison.Ordinal)).ToList();
        Assert.True(elsewhere.Count == 0, $"Requests that left {origin}:\n" + string.Join("\n", elsewhere.Select(r => $"  {r.Method} {r.Url}")));
    });
}
