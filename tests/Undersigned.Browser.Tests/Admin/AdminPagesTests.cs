using Microsoft.Playwright;
using Undersigned.Browser.Tests.Accessibility;
using Undersigned.Browser.Tests.Hosting;
using Undersigned.Browser.Tests.Pages.Staff;
using Undersigned.Data;
using Xunit.Abstractions;

namespace Undersigned.Browser.Tests.Admin;

/// <summary>The admin pages on a phone, as an admin logged in through the real form: they fit the screen and axe finds nothing serious.</summary>
public sealed class AdminPagesTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>
    /// Each page as it first opens, or in the state after pressing <c>button</c>: the form sent empty comes back
    /// (400) with its errors, the Preview button shows the preview.
    /// </summary>
    [Theory]
    [InlineData("/admin", null, null)]
    [InlineData("/admin/petitions/new", "Create draft", ".error-summary")]
    [InlineData("/admin/petitions/stop-shotspotter/edit", "Preview", ".preview")]
    [InlineData("/admin/petitions/stop-shotspotter/sponsors", null, null)]
    [InlineData("/admin/petitions/stop-shotspotter/updates", "Preview", ".preview")]
    [InlineData("/admin/petitions/stop-shotspotter/milestones", null, null)]
    [InlineData("/admin/petitions/stop-shotspotter/dashboard", null, null)]
    [InlineData("/admin/petitions/stop-shotspotter/delivery", null, null)]
    [InlineData("/admin/petitions/stop-shotspotter/review", null, null)]
    [InlineData("/admin/petitions/stop-shotspotter/invalidate?EmailDomain=example.org", null, null)]
    [InlineData("/admin/petitions/stop-shotspotter/moderation-log", null, null)]
    [InlineData("/admin/petitions/stop-shotspotter/paper", null, null)]
    [InlineData("/admin/organizations", null, null)]
    [InlineData("/admin/organizations/new", "Create organization", ".error-summary")]
    public Task An_admin_page_fits_a_phone_and_has_no_serious_accessibility_violations(string path, string? button, string? after) => WithPageAsync(async page =>
    {
        await LoginPage.LogInAsync(page, await App.CreateAsync(StaffRoles.Admin));
        await page.GotoAsync(path);
        if (button is not null)
        {
            if (after == ".error-summary")
            {
                ExpectStatus(400, path);
            }
            await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            await page.Locator(after!).First.WaitForAsync();
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} is {widths[0]}px wide on a {widths[1]}px screen.");
        var serious = (await AccessibilityTests.RunAxeAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe found on {page.Url}:\n" + string.Join("\n", serious.Select(v =>
            $"  ({v.Impact}) {v.Id}: {v.Help} at {string.Join(", ", v.Targets)}")));
    }, new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, BypassCSP = true }, path.Replace('/', '_'));
}
