using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Undersigned.Browser.Tests.Pages.Staff;

/// <summary>A petition's paper signatures: upload a sheet batch, check it, import it, and undo it.</summary>
public sealed class PaperPages(IPage page)
{
    public ILocator Notice => page.Locator("p.notice[role=status]");

    /// <summary>A figure of the batch's check or import ("rows", "errors", "repeats", "to-import", "imported").</summary>
    public ILocator Figure(string name) => page.Locator($".totals [data-figure={name}]");

    public ILocator Batches => page.Locator("table.data tbody tr[data-batch]");

    /// <summary>Chooses <paramref name="csv"/> as the file, describes it and presses "Check the sheet".</summary>
    public async Task UploadAsync(string description, string csv)
    {
        var upload = page.Locator("form[enctype='multipart/form-data']");
        await upload.GetByLabel("Where the sheets come from").FillAsync(description);
        await upload.GetByLabel("The CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "rally.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await upload.GetByRole(AriaRole.Button, new() { Name = "Check the sheet" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check before importing" })).ToBeVisibleAsync();
    }

    public async Task ImportAsync(int rows)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Import {rows} signature{(rows == 1 ? "" : "s")}", Exact = true }).ClickAsync();
        await Expect(Notice).ToContainTextAsync("they count now");
    }

    public async Task UndoAsync(string reason)
    {
        await page.GetByLabel("Why (for the moderation log)").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Undo batch \\d+$") }).ClickAsync();
        await Expect(Notice).ToContainTextAsync("removed from the petition and its count");
    }

    public async Task OpenAllBatchesAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "All paper batches" }).ClickAsync();
        await page.WaitForURLAsync("**/paper");
    }
}
