using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Undersigned.Browser.Tests.Accessibility;
using Undersigned.Browser.Tests.Hosting;
using Undersigned.Data;
using Xunit.Abstractions;

namespace Undersigned.Browser.Tests.Admin;

/// <summary>The admin pages on a phone, as an admin logged in through the real form: they fit the screen and axe finds nothing serious.</summary>
public sealed class AdminPagesTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Password = "correct horse battery staple";

    private readonly AppHost _app = fixture.App;

    [Theory]
    [InlineData("/admin", null)]
    [InlineData("/admin/petitions/new", "Create draft")]
    [InlineData("/admin/petitions/stop-shotspotter/edit", "Preview")]
    [InlineData("/admin/petitions/stop-shotspotter/sponsors", null)]
    [InlineData("/admin/organizations", null)]
    [InlineData("/admin/organizations/new", "Create organization")]
    public Task An_admin_page_fits_a_phone_and_has_no_serious_accessibility_violations(string path, string? button) => WithPageAsync(async page =>
    {
        await LogInAsAdminAsync(page);
        await page.GotoAsync(path);
        if (button is not null)
        {
            // The state worth checking is the form after its button: errors beside fields, or the preview.
            await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            await page.WaitForLoadStateAsync();
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} is {widths[0]}px wide on a {widths[1]}px screen.");
        var serious = (await AccessibilityTests.RunAxeAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe found on {page.Url}:\n" + string.Join("\n", serious.Select(v =>
            $"  ({v.Impact}) {v.Id}: {v.Help} at {string.Join(", ", v.Targets)}")));
    }, new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, BypassCSP = true }, path.Replace('/', '_'));

    private async Task LogInAsAdminAsync(IPage page)
    {
        var email = $"admin.{Guid.NewGuid():N}@staff.example.org";
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, StaffRoles.Admin)).Succeeded);
        }
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin");
    }
}
