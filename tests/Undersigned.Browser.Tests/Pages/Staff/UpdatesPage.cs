using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Undersigned.Browser.Tests.Pages.Staff;

/// <summary>A petition's updates page: the form to post one to the page and its signers, and the updates posted.</summary>
public sealed class UpdatesPage(IPage page)
{
    public ILocator Notice => page.Locator("p.notice[role=status]");
    public ILocator Posted => page.Locator("table.posted-updates tbody tr");

    public async Task PostAsync(string title, string body)
    {
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync(body);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post and email" }).ClickAsync();
        await Expect(Notice).ToContainTextAsync("Posted.");
    }

    /// <summary>Follows the petition's link at the top of the page to its public page.</summary>
    public async Task<PetitionPage> OpenPetitionAsync(string slug)
    {
        await page.Locator($"main a[href='/p/{slug}']").First.ClickAsync();
        await page.WaitForURLAsync($"**/p/{slug}");
        return new PetitionPage(page, slug);
    }
}
