using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Undersigned.Browser.Tests.Pages.Staff;

/// <summary>A petition's invalidation page: criteria, the dry run of what they match, and the jobs started from it.</summary>
public sealed class InvalidatePage(IPage page)
{
    public ILocator Notice => page.Locator("p.notice[role=status]");
    public ILocator Matched => page.Locator("[data-figure=matched]");
    public ILocator Sample => page.Locator("table.dry-run-sample tbody tr");
    public ILocator Jobs => page.Locator("table.invalidation-jobs tbody tr");

    /// <summary>Fills in the criteria given by their labels and presses "Dry run".</summary>
    public async Task DryRunAsync(params (string Label, string Value)[] criteria)
    {
        foreach (var (label, value) in criteria)
        {
            await page.GetByLabel(label, new() { Exact = true }).FillAsync(value);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run", Exact = true }).ClickAsync();
        await Expect(Matched).ToBeVisibleAsync();
    }

    /// <summary>Types the reason and presses the "Invalidate N signatures" button under the dry run.</summary>
    public async Task StartAsync(string reason)
    {
        await page.GetByLabel("Why (for the moderation log)").FillAsync(reason);
        await page.Locator("form.start-invalidation button").ClickAsync();
        await Expect(Notice).ToContainTextAsync("in the background");
    }

    /// <summary>Follows "Refresh to see progress" until the newest job is done, as a person would, for up to 30 seconds.</summary>
    public async Task WaitUntilDoneAsync()
    {
        for (var tries = 0; tries < 60; tries++)
        {
            if (await Jobs.First.GetAttributeAsync("data-state") == "Done")
            {
                return;
            }
            await page.WaitForTimeoutAsync(500);
            await page.GetByRole(AriaRole.Link, new() { Name = "Refresh to see progress" }).ClickAsync();
            await page.WaitForLoadStateAsync();
        }
        await Expect(Jobs.First).ToHaveAttributeAsync("data-state", "Done");
    }
}
