using Microsoft.Playwright;

namespace Undersigned.Browser.Tests.Pages;

/// <summary>Where a signer lands after signing: what happened to their signature and the count they joined.</summary>
public sealed class ThanksPage(IPage page, string slug)
{
    public const string ThankYou = "Thank you for signing";
    public const string AlreadySigned = "You have already signed this petition";

    public IPage Page => page;

    public static async Task<ThanksPage> OpenAsync(IPage page, string slug = PetitionPage.DemoSlug)
    {
        var response = await page.GotoAsync($"/p/{slug}/thanks");
        Assert.Equal(200, response?.Status);
        return new ThanksPage(page, slug);
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public Task<int> CountAsync() => PetitionCount.ReadAsync(page);

    /// <summary>Follows the link back to the petition, as a signer would.</summary>
    public async Task<PetitionPage> BackToPetitionAsync()
    {
        await page.Locator($"main a[href='/p/{slug}']").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/p/{slug}");
        return new PetitionPage(page, slug);
    }
}
