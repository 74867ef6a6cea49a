using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Undersigned.Browser.Tests.Pages;

/// <summary>
/// Where the link in the confirmation email leads: the petition and one button. Opening the link counts nothing
/// (mail scanners open links); pressing the button counts the signature and leads to the page that says so.
/// </summary>
public sealed partial class ConfirmationPage(IPage page, string slug)
{
    public const string ConfirmYourSignature = "Confirm your signature";
    public const string Confirmed = "Your signature is confirmed";

    /// <summary>Opens the link from the email, as a signer does from their mail client.</summary>
    public static async Task<ConfirmationPage> OpenAsync(IPage page, string link, string slug = PetitionPage.DemoSlug)
    {
        var response = await page.GotoAsync(link);
        Assert.Equal(200, response?.Status);
        return new ConfirmationPage(page, slug);
    }

    /// <summary>Opens the link and presses its button, then waits for the page that says the signature counts.</summary>
    public static async Task<ConfirmationPage> ConfirmAsync(IPage page, string link, string slug = PetitionPage.DemoSlug)
    {
        var opened = await OpenAsync(page, link, slug);
        Assert.Equal(ConfirmYourSignature, await opened.Heading.InnerTextAsync());
        await opened.ConfirmButton.ClickAsync();
        // What the signer sees: the confirmed page's heading. Waiting for its load event instead timed out on a busy
        // machine after the page had arrived and the network had gone quiet.
        await page.WaitForURLAsync(ConfirmedAddress(), new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = Confirmed }).WaitForAsync();
        return opened;
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator ConfirmButton => page.GetByRole(AriaRole.Button, new() { Name = "Confirm my signature" });

    public Task<int> CountAsync() => PetitionCount.ReadAsync(page);

    public Task<PetitionPage> BackToPetitionAsync() => PetitionLink.FollowAsync(page, slug);

    // The button posts back to the link, which redirects to the link's confirmed page.
    [GeneratedRegex(@"/confirm/[A-Za-z0-9_-]+\?done=counted$")]
    private static partial Regex ConfirmedAddress();
}
