using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Undersigned.Browser.Tests.Pages;
using Xunit.Abstractions;

namespace Undersigned.Browser.Tests.Hosting;

/// <summary>
/// Runs each test in a fresh browser context (no cookies or cache from another test) and, when it fails,
/// saves a screenshot and prints where it is. A test fails when any page of its context lands on a 4xx or 5xx
/// answer it did not declare with <see cref="ExpectStatus"/>: an error page is never a pass.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture, ITestOutputHelper output)
{
    private ErrorPages errorPages = new(output);

    protected Uri Origin => fixture.App.Origin;
    protected AppHost App => fixture.App;
    protected ITestOutputHelper Output => output;
    protected Mailbox Mailbox => new(Origin);

    /// <summary>
    /// Declares that a page of this test may answer <paramref name="status"/> (at <paramref name="path"/>, or at any
    /// address): a form sent back with its errors (400), a page that does not exist (404). Call it inside the test's body.
    /// </summary>
    protected void ExpectStatus(int status, string? path = null) => errorPages.Expect(status, path);

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
        errorPages = new ErrorPages(output);
        errorPages.Watch(context);
        var page = await context.NewPageAsync();
        var shot = variant is null ? name : $"{name}-{variant}";
        try
        {
            await test(page);
            errorPages.AssertNoneUnexpected();
        }
        catch (Exception failure) when (failure is not ErrorPageException)
        {
            await SaveScreenshotAsync(page, shot);
            // A locator that timed out on an error page fails for the error page, which is the cause.
            errorPages.AssertNoneUnexpected(failure);
            throw;
        }
        catch (ErrorPageException)
        {
            await SaveScreenshotAsync(page, shot);
            throw;
        }
    }

    private async Task SaveScreenshotAsync(IPage page, string name)
    {
        try
        {
            var path = await Screenshots.SaveAsync(page, name);
            output.WriteLine($"The page at {page.Url} when the test failed: {path}");
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // A browser too broken to take a picture must not hide the failure that broke it.
            output.WriteLine($"No screenshot of {page.Url}: {e.Message}");
        }
    }
}
