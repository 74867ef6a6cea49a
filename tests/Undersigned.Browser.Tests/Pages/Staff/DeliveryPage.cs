using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Undersigned.Browser.Tests.Pages.Staff;

/// <summary>A petition's delivery page: download the package, and mark the petition delivered with a public note.</summary>
public sealed class DeliveryPage(IPage page)
{
    public ILocator Notice => page.Locator("p.notice[role=status]");

    /// <summary>Types the note, ticks or unticks emailing the target, presses "Mark as delivered" and waits for the page to confirm it.</summary>
    public async Task MarkDeliveredAsync(string note, bool emailTarget)
    {
        await page.GetByLabel("Public note", new() { Exact = true }).FillAsync(note);
        await page.GetByRole(AriaRole.Checkbox).SetCheckedAsync(emailTarget);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as delivered" }).ClickAsync();
        await Expect(Notice).ToContainTextAsync("The petition is marked delivered.");
    }
}
