using Microsoft.Playwright;
using Undersigned.Browser.Tests.Hosting;
using Undersigned.Browser.Tests.Pages;
using Xunit.Abstractions;

namespace Undersigned.Browser.Tests.Petitions;

public sealed class PhoneLayoutTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>A common phone, and the 320px width WCAG 1.4.10 (Reflow) asks pages to fit without sideways scrolling.</summary>
    [Theory]
    [InlineData(390, 844)]
    [InlineData(320, 640)]
    public Task On_a_phone_the_pages_fit_the_screen_and_the_sign_button_can_be_tapped(int width, int height) => WithPageAsync(async page =>
    {
        var petition = await PetitionPage.OpenAsync(page);
        await AssertFitsTheScreenAsync(page);

        await AssertCanBeTappedAsync(page, petition.SubmitButton);
        ExpectStatus(400, "/p/stop-shotspotter"); // the empty form comes back with its errors, as a refusal
        await petition.SubmitButton.TapAsync();
        await petition.ErrorSummary.WaitForAsync();
        await AssertFitsTheScreenAsync(page);

        await petition.FillAsync(Signer.New());
        await AssertCanBeTappedAsync(page, petition.SubmitButton);
        await petition.SubmitButton.TapAsync();
        await petition.WaitForThanksAsync();
        await AssertFitsTheScreenAsync(page);
    }, Phone(width, height), $"{width}x{height}");

    private static BrowserNewContextOptions Phone(int width, int height) => new()
    {
        ViewportSize = new() { Width = width, Height = height },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
    };

    private static async Task AssertFitsTheScreenAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth,
            $"{page.Url} is {scrollWidth}px wide on a {innerWidth}px screen: something overflows sideways.");
    }

    /// <summary>Once scrolled to, the button lies inside the screen, nothing covers its middle, and it is thumb-sized.</summary>
    private static async Task AssertCanBeTappedAsync(IPage page, ILocator button)
    {
        await button.ScrollIntoViewIfNeededAsync();
        var box = await button.BoundingBoxAsync() ?? throw new InvalidOperationException("The button is not rendered.");
        var viewport = page.ViewportSize!;
        Assert.True(box.X >= 0 && box.X + box.Width <= viewport.Width, $"The button spans {box.X}..{box.X + box.Width}px of {viewport.Width}px.");
        Assert.True(box.Y >= 0 && box.Y + box.Height <= viewport.Height, $"The button spans {box.Y}..{box.Y + box.Height}px of {viewport.Height}px.");
        // The one action the page exists for gets a full thumb-sized target (WCAG 2.5.5), not just the 24px minimum.
        Assert.True(box.Height >= 44 && box.Width >= 44, $"The button is {box.Width}x{box.Height}px; a thumb needs at least 44x44.");
        var onTop = await button.EvaluateAsync<bool>("""
            b => { const r = b.getBoundingClientRect(); const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); return b === hit || b.contains(hit); }
            """);
        Assert.True(onTop, "Something covers the middle of the button.");
    }
}
