using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Undersigned.Browser.Tests.Hosting;

/// <summary>The fixture itself: a test whose page lands on an error fails, unless the test declared that error.</summary>
public sealed class ErrorPageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task A_test_that_opens_a_missing_page_fails_unless_it_expects_the_404()
    {
        var failure = await Assert.ThrowsAsync<ErrorPageException>(() => WithPageAsync(page => page.GotoAsync("/p/no-such-petition")));
        Assert.Contains("/p/no-such-petition answered 404", failure.Message, StringComparison.Ordinal);

        await WithPageAsync(async page =>
        {
            ExpectStatus(404, "/p/no-such-petition");
            var response = await page.GotoAsync("/p/no-such-petition");
            Assert.Equal(404, response?.Status);
        });
    }

    [Fact]
    public async Task A_form_whose_post_is_refused_fails_the_test_even_when_the_test_asserts_nothing_after_it()
    {
        var failure = await Assert.ThrowsAsync<ErrorPageException>(() => WithPageAsync(async page =>
        {
            await page.GotoAsync("/login");
            // The form without its antiforgery token, as the petition form was once rendered.
            await page.Locator("form input[name=__RequestVerificationToken]").EvaluateAsync("input => input.remove()");
            await page.GetByLabel("Email", new() { Exact = true }).FillAsync("nobody@staff.example.org");
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not a password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
            await page.WaitForLoadStateAsync();
        }));
        Assert.Contains("POST", failure.Message, StringComparison.Ordinal);
        Assert.Contains("/login answered 400", failure.Message, StringComparison.Ordinal);
    }
}
