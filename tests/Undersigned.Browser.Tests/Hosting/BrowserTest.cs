using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Undersigned.Browser.Tests.Pages;
using Xunit.Abstractions;

namespace Undersigned.Browser.Tests.Hosting;

/// <summary>
/// Runs each test in a fresh browser context (no cookies or cache from another test) and, when it fails,
/// saves a screenshot and prints where it is.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture, ITestOutputHelper output)
{
    protected Uri Origin => fixture.App.Origin;
    protected ITestOutputHelper Output => output;
    protected Mailbox Mailbox => new(Origin);

    protected async Task WithPageAsync(
        Func<IPage, Task> test,
        BrowserNewContextOptions? options = null,
        string? variant = null,
        [CallerMemberName] string name = "")
    {
        options ??= new();
        options.BaseURL = Origin.ToString();
        options.Locale ??= "en-US";
        await using var context = await fixture.Browser.NewContextAsync(options);
        // Pages answer in milliseconds here; a locator still waiting after ten seconds has found a real problem.
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
        }
        catch
        {
            try
            {
                var path = await Screenshots.SaveAsync(page, variant is null ? name : $"{name}-{variant}");
                output.WriteLine($"The page at {page.Url} when the test failed: {path}");
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                // A browser too broken to take a picture must not hide the failure that broke it.
                output.WriteLine($"No screenshot of {page.Url}: {e.Message}");
            }
            throw;
        }
    }
}
