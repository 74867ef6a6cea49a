using System.Text.Json;
using Microsoft.Playwright;
using Undersigned.Browser.Tests.Hosting;
using Undersigned.Browser.Tests.Pages;
using Xunit.Abstractions;

namespace Undersigned.Browser.Tests.Accessibility;

/// <summary>axe-core's automated checks on the pages a signer goes through. They catch part of what matters, not all.</summary>
public sealed class AccessibilityTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly string AxeScript = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

    // The app's Content-Security-Policy (script-src 'self') rightly blocks the inline script that injects axe, so
    // these tests, and only these, let the browser ignore the policy. The other tests run under it.
    private static readonly BrowserNewContextOptions IgnoringCsp = new() { BypassCSP = true };

    [Theory]
    [InlineData("petition")]
    [InlineData("petition-with-errors")]
    [InlineData("thank-you")]
    [InlineData("confirm")]
    [InlineData("confirmed")]
    public Task Pages_have_no_serious_or_critical_accessibility_violations(string which) => WithPageAsync(async page =>
    {
        var petition = await PetitionPage.OpenAsync(page);
        if (which == "petition-with-errors")
        {
            await petition.FillAsync(new Signer("", "", "not-an-email", "US", "1"));
            ExpectStatus(400, "/p/stop-shotspotter");
            await petition.SubmitExpectingErrorsAsync();
        }
        else if (which is "thank-you" or "confirm" or "confirmed")
        {
            var signer = Signer.New();
            await petition.SignAsync(signer);
            if (which == "confirm")
            {
                await ConfirmationPage.OpenAsync(page, await Mailbox.ConfirmationLinkForAsync(signer.Email));
            }
            else if (which == "confirmed")
            {
                await ConfirmationPage.ConfirmAsync(page, await Mailbox.ConfirmationLinkForAsync(signer.Email));
            }
        }

        var violations = await RunAxeAsync(page);

        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var v in violations.Except(serious))
        {
            Output.WriteLine($"({v.Impact}) {v.Id}: {v.Help} at {string.Join(", ", v.Targets)}");
        }
        Assert.True(serious.Count == 0, $"axe found on {page.Url}:\n" + string.Join("\n", serious.Select(v =>
            $"  ({v.Impact}) {v.Id}: {v.Help} at {string.Join(", ", v.Targets)}")));
    }, new(IgnoringCsp), which);

    internal static async Task<List<Violation>> RunAxeAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = AxeScript });
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const results = await axe.run(document, { resultTypes: ['violations'] });
                return results.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }));
            }
            """);
        return result.Deserialize<List<Violation>>(JsonSerializerOptions.Web)!;
    }

    internal sealed record Violation(string Id, string? Impact, string Help, string[] Targets);
}
