using Microsoft.Playwright;

namespace Undersigned.Browser.Tests.Pages.Staff;

/// <summary>A petition's sponsors page: its partners in order, and the form to add one.</summary>
public sealed class SponsorsPage(IPage page)
{
    public ILocator Partners => page.Locator(".sponsor-list .admin-list-title");

    /// <summary>Chooses the organization by the name the list shows, presses "Add partner", and waits for it in the list.</summary>
    public async Task AddPartnerAsync(string name)
    {
        await page.GetByLabel("Organization", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = name });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add partner" }).ClickAsync();
        await Partners.Filter(new() { HasText = name }).WaitForAsync();
    }
}
