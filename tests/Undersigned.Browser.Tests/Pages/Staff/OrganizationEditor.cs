using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Undersigned.Browser.Tests.Pages.Staff;

/// <summary>The organization form an admin fills in at /admin/organizations/new, logo upload included.</summary>
public sealed class OrganizationEditor(IPage page)
{
    public ILocator Notice => page.Locator("p.notice[role=status]");
    public ILocator LogoPreview => page.Locator("img.logo-preview");

    /// <summary>Goes to the list of organizations and follows its "New organization" link.</summary>
    public static async Task<OrganizationEditor> OpenNewAsync(IPage page)
    {
        await page.GotoAsync("/admin/organizations");
        await page.GetByRole(AriaRole.Link, new() { Name = "New organization" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/organizations/new");
        return new OrganizationEditor(page);
    }

    public async Task FillAsync(string name, string slug, string website, string description)
    {
        await Field("Name").FillAsync(name);
        await Field("Address").FillAsync(slug);
        await Field("Website").FillAsync(website);
        await Field("Short description").FillAsync(description);
    }

    /// <summary>Chooses a file for the Logo input, as a person does in the file dialog.</summary>
    public Task ChooseLogoAsync(string fileName, byte[] content, string type) =>
        Field("Logo").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = type, Buffer = content });

    public async Task CreateAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Create organization" }).ClickAsync();
        await Expect(Notice).ToHaveTextAsync("Saved.");
    }

    private ILocator Field(string label) => page.GetByLabel(label, new() { Exact = true });
}
