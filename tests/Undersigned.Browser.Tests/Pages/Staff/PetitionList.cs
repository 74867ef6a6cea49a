using Microsoft.Playwright;

namespace Undersigned.Browser.Tests.Pages.Staff;

/// <summary>The staff's list of petitions at /admin: each row's title, status and links to its pages.</summary>
public sealed class PetitionList(IPage page)
{
    public static async Task<PetitionList> OpenAsync(IPage page)
    {
        await page.GotoAsync("/admin");
        return new PetitionList(page);
    }

    public ILocator Row(string title) => page.Locator(".admin-list li")
        .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });

    public ILocator StatusOf(string title) => Row(title).Locator(".status");

    /// <summary>Follows one of the links in the petition's row ("Dashboard", "Delivery", …), or its title.</summary>
    public async Task FollowAsync(string title, string link)
    {
        await Row(title).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    public async Task<PetitionEditor> NewPetitionAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "New petition" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/petitions/new");
        return new PetitionEditor(page);
    }

    public async Task<PetitionEditor> EditAsync(string title)
    {
        await FollowAsync(title, title);
        return new PetitionEditor(page);
    }
}
