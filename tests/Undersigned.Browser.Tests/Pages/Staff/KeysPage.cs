using Microsoft.Playwright;

namespace Undersigned.Browser.Tests.Pages.Staff;

/// <summary>An organization's API keys page, reached from its partner dashboard.</summary>
public sealed class KeysPage(IPage page)
{
    /// <summary>Follows the "API keys" link of the partner dashboard the page is on.</summary>
    public static async Task<KeysPage> FromDashboardAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/keys");
        return new KeysPage(page);
    }

    /// <summary>Names and creates a key, and returns it as the page shows it, once.</summary>
    public async Task<string> CreateAsync(string name)
    {
        await page.GetByLabel("Name of the key", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a key" }).ClickAsync();
        return (await page.Locator("code.new-key").InnerTextAsync()).Trim();
    }

    public async Task RevokeAsync(string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>The "State" cell of the key's row: a Revoke button while it works, "revoked …" after.</summary>
    public ILocator StateOf(string name) => page.Locator("table.keys tbody tr")
        .Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = name, Exact = true }) }).Locator("td").Last;
}
