using Microsoft.Playwright;

namespace Undersigned.Browser.Tests.Pages;

/// <summary>The link back to the petition that the pages after signing carry.</summary>
internal static class PetitionLink
{
    public static async Task<PetitionPage> FollowAsync(IPage page, string slug)
    {
        await page.Locator($"main a[href='/p/{slug}']").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/p/{slug}");
        return new PetitionPage(page, slug);
    }
}
