using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Undersigned.Browser.Tests.Pages.Staff;

/// <summary>The petition form (new, or edit) with its status line, Publish and Close buttons, and preview.</summary>
public sealed class PetitionEditor(IPage page)
{
    public ILocator Title => Field("Title");
    public ILocator Status => page.Locator(".petition-status .status");
    public ILocator Notice => page.Locator("p.notice[role=status]");
    public ILocator Preview => page.Locator(".preview .petition-body");

    public async Task FillAsync(PetitionDraft draft)
    {
        await Title.FillAsync(draft.Title);
        await Field("Address").FillAsync(draft.Slug);
        await Field("Addressed to (name)").FillAsync(draft.TargetName);
        await Field("Summary").FillAsync(draft.Summary);
        await Field("Text of the petition").FillAsync(draft.Body);
        await Field("Goal (signatures)").FillAsync(draft.Goal.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Presses Preview and waits for the body as the public page will show it.</summary>
    public async Task PreviewAsync()
    {
        await Button("Preview").ClickAsync();
        await Preview.WaitForAsync();
    }

    /// <summary>Presses "Create draft" (a new petition) or "Save", and waits for the page to say it is saved.</summary>
    public async Task SaveAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^(Create draft|Save)$") }).ClickAsync();
        await Expect(Notice).ToContainTextAsync("Saved.");
    }

    public async Task PublishAsync()
    {
        await Button("Publish").ClickAsync();
        await Expect(Status).ToHaveTextAsync("Open");
    }

    public async Task CloseAsync()
    {
        await Button("Close to new signatures").ClickAsync();
        await Expect(Status).ToHaveTextAsync("Closed");
    }

    /// <summary>Follows a link of the status line: "Public page", "Sponsors", "Updates", "Delivery", …</summary>
    public async Task FollowAsync(string link)
    {
        await page.Locator(".petition-status").GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    private ILocator Field(string label) => page.GetByLabel(label, new() { Exact = true });

    private ILocator Button(string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
}
