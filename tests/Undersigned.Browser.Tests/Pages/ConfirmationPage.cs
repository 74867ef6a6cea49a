using Microsoft.Playwright;

namespace Undersigned.Browser.Tests.Pages;

/// <summary>Where the link in the confirmation email leads: the signature counts from here on.</summary>
public sealed class ConfirmationPage(IPage page, string slug)
{
    public const string Confirmed = "Your signature is confirmed";

    /// <summary>Opens the link from the email, as a signer does from their mail client.</summary>
    public static async Task<ConfirmationPage> OpenAsync(IPage page, string link, string slug = PetitionPage.DemoSlug)
    {
        var response = await page.GotoAsync(link);
        Assert.Equal(200, response?.Status);
        return new ConfirmationPage(page, slug);
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public Task<int> CountAsync() => PetitionCount.ReadAsync(page);

    public Task<PetitionPage> BackToPetitionAsync() => PetitionLink.FollowAsync(page, slug);
}
