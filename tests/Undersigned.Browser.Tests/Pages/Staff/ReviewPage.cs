using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Undersigned.Browser.Tests.Pages.Staff;

/// <summary>A petition's review queue: held signatures in groups, each approved or rejected as a whole with a reason.</summary>
public sealed class ReviewPage(IPage page)
{
    public ILocator Notice => page.Locator("p.notice[role=status]");
    public ILocator Counted => page.Locator(".totals [data-figure=counted]");
    public ILocator Held => page.Locator(".totals [data-figure=held]");

    /// <summary>The group headed <paramref name="title"/> ("Burst b1a2…", "Email domain example.edu").</summary>
    public ILocator Group(string title) => page.Locator("section.review-group")
        .Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true }) });

    /// <summary>Types the reason into the group's form and presses its "Approve all" or "Reject all" button.</summary>
    public async Task DecideAsync(string title, string button, string reason)
    {
        var group = Group(title);
        await group.GetByLabel("Why (for the moderation log)").FillAsync(reason);
        await group.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Expect(Notice).ToBeVisibleAsync();
    }

    public async Task<InvalidatePage> OpenInvalidationAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Invalidate by criteria" }).ClickAsync();
        await page.WaitForURLAsync("**/invalidate");
        return new InvalidatePage(page);
    }
}
