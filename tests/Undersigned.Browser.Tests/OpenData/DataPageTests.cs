using Microsoft.Playwright;
using Undersigned.Browser.Tests.Accessibility;
using Undersigned.Browser.Tests.Hosting;
using Undersigned.Data;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Undersigned.Browser.Tests.OpenData;

/// <summary>
/// A visitor follows the petition page's link to where and when people signed, and reads the chart and the tables
/// drawn on the server: on a phone and on a desktop, with no horizontal scrolling and nothing serious for axe.
/// </summary>
public sealed class DataPageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Theory]
    [InlineData("phone", 390, 844)]
    [InlineData("desktop", 1366, 768)]
    public Task The_data_page_shows_the_chart_and_the_tables_from_real_signatures(string device, int width, int height) => WithPageAsync(async page =>
    {
        var (slug, title) = await App.AddOpenAsync();
        var today = DateTime.UtcNow.Date;
        await App.AddSignaturesAsync(slug, 12, SignatureStatus.Counted, signedAt: today.AddDays(-4).AddHours(9));
        await App.AddSignaturesAsync(slug, 30, SignatureStatus.Counted, postalCode: "10027", signedAt: today.AddDays(-2).AddHours(15));
        await App.AddSignaturesAsync(slug, 7, SignatureStatus.Counted, country: "CA", postalCode: "M5V 2T6", signedAt: DateTime.UtcNow.AddMinutes(-1));

        await page.GotoAsync($"/p/{slug}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Where and when people signed" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Where and when people signed", Level = 1 })).ToBeVisibleAsync();
        var chart = page.GetByRole(AriaRole.Img, new() { NameRegex = new("^49 signatures from ") });
        await Expect(chart).ToBeVisibleAsync();
        var box = await chart.BoundingBoxAsync();
        Assert.True(box is { Width: > 200, Height: > 80 }, $"the chart is {box?.Width}×{box?.Height}");
        await Expect(page.Locator("table.over-time tbody tr")).ToHaveCountAsync(3); // by day: the petition is four days old
        await Expect(page.Locator("table.over-time tbody tr").Last.Locator("td").Last).ToHaveTextAsync("49");
        await Expect(page.Locator("section[aria-labelledby=by-state] tbody tr").First).ToContainTextAsync("New York");
        await Expect(page.Locator("section[aria-labelledby=by-country] tbody tr").Last).ToContainTextAsync("Canada");
        await page.GetByRole(AriaRole.Link, new() { Name = "Show by hour" }).ClickAsync();
        await Expect(page.Locator("table.over-time caption")).ToHaveTextAsync("Signatures per hour (UTC)");

        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} is {widths[0]}px wide on a {widths[1]}px screen.");
        var serious = (await AccessibilityTests.RunAxeAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe found on {page.Url}:\n" + string.Join("\n", serious.Select(v =>
            $"  ({v.Impact}) {v.Id}: {v.Help} at {string.Join(", ", v.Targets)}")));
        Output.WriteLine($"{title}: {await Screenshots.SaveAsync(page, $"data-page-{device}")}");
    }, new() { ViewportSize = new() { Width = width, Height = height }, IsMobile = device == "phone", BypassCSP = true }, device);
}
