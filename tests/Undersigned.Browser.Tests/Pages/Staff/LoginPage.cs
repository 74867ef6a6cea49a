using Microsoft.Playwright;
using Undersigned.Browser.Tests.Hosting;

namespace Undersigned.Browser.Tests.Pages.Staff;

/// <summary>The staff login form at /login.</summary>
public static class LoginPage
{
    /// <summary>Types the account's email and password into the form, sends it, and waits to land past it.</summary>
    public static async Task LogInAsync(IPage page, StaffAccount account)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(account.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
    }
}
