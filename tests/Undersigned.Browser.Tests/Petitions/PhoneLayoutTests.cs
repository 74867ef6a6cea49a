using Microsoft.Playwright;
using Undersigned.Browser.Tests.Hosting;
using Undersigned.Browser.Tests.Pages;
using Xunit.Abstractions;

namespace Undersigned.Browser.Tests.Petitions;

public sealed class PhoneLayoutTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new() { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
    };

    [Fact]
    public Task On_a_phone_the_pages_fit_the_screen_and_the_sign_button_can_be_tapped() => WithPageAsync(async page =>
    {
        var petition = await PetitionPage.OpenAsync(page);
        await AssertFitsTheScreenAsync(page);

        await AssertCanBeTappedAsync(page, petition.SubmitButton);
        await petition.SubmitButton.TapAsync();
        await petition.ErrorSummary.WaitForAsync();
        await AssertFitsTheScreenAsync(page);

        await petition.FillAsync(Signer.New());
        await AssertCanBeTappedAsync(page, petition.SubmitButton);
        await petition.SubmitButton.TapAsync();
        await page.WaitForURLAsync("**/thanks");
        await AssertFitsTheScreenAsync(page);
    }, new(Phone));

    private static async Task AssertFitsTheScreenAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth,
            $"{page.Url} is {scrollWidth}px wide on a {innerWidth}px screen: something overflows sideways.");
    }

    /// <summary>Once scrolled to, the button lies inside the screen and nothing covers its middle.</summary>
    private static async Task AssertCanBeTappedAsync(IPage page, ILocator button)
    {
        await button.ScrollIntoViewIfNeededAsync();
        var box = await button.BoundingBoxAsync() ?? throw new InvalidOperationException("The button is not rendered.");
        var viewport = page.ViewportSize!;
        Assert.True(box.X >= 0 && box.X + box.Width <= viewport.Width, $"The button spans {box.X}..{box.X + box.Width}px of {viewport.Width}px.");
        Assert.True(box.Y >= 0 && box.Y + box.Height <= viewport.Height, $"The button spans {box.Y}..{box.Y + box.Height}px of {viewport.Height}px.");
        Assert.True(box.Height >= 24 && box.Width >= 24, $"The button is {box.Width}x{box.Height}px, too small to tap (WCAG 2.5.8).");
        var onTop = await button.EvaluateAsync<bool>("""
            b => { const r = b.getBoundingClientRect(); const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); return b === hit || b.contains(hit); }
            """);
        Assert.True(onTop, "Something covers the middle of the button.");
    }
}
