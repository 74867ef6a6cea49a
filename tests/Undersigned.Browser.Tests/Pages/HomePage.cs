using Microsoft.Playwright;

namespace Undersigned.Browser.Tests.Pages;

/// <summary>The site's front page: the open petitions.</summary>
public sealed class HomePage(IPage page)
{
    public static async Task<HomePage> OpenAsync(IPage page)
    {
        var response = await page.GotoAsync("/");
        Assert.Equal(200, response?.Status);
        return new HomePage(page);
    }

    public ILocator Petition(string title) => page.Locator(".petition-list").GetByRole(AriaRole.Link, new() { Name = title, Exact = true });
}
