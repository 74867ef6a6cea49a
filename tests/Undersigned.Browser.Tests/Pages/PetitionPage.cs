using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Undersigned.Browser.Tests.Pages;

/// <summary>A petition as a signer sees it: its count and its sign form, found by their labels as a person finds them.</summary>
public sealed partial class PetitionPage(IPage page, string slug)
{
    public const string DemoSlug = "stop-shotspotter";

    public IPage Page => page;
    public string Slug => slug;

    public static async Task<PetitionPage> OpenAsync(IPage page, string slug = DemoSlug)
    {
        var response = await page.GotoAsync($"/p/{slug}");
        Assert.Equal(200, response?.Status);
        return new PetitionPage(page, slug);
    }

    public ILocator FirstName => Field("First name");
    public ILocator LastName => Field("Last name");
    public ILocator Email => Field("Email");
    public ILocator Country => Field("Country");
    public ILocator PostalCode => Field("Postal or ZIP code");
    public ILocator SubmitButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign the petition" });
    public ILocator ErrorSummary => page.Locator(".error-summary[role=alert]");
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Partners => page.Locator(".partner-list li");
    public ILocator UpdateTitles => page.Locator(".updates .update h3");
    public ILocator Delivered => page.Locator(".delivered");
    public ILocator ClosedNotice => page.GetByText("This petition is closed and no longer accepts signatures.");

    public Task<int> CountAsync() => PetitionCount.ReadAsync(page);

    public async Task FillAsync(Signer signer)
    {
        await FirstName.FillAsync(signer.FirstName);
        await LastName.FillAsync(signer.LastName);
        await Email.FillAsync(signer.Email);
        await Country.SelectOptionAsync(signer.Country);
        await PostalCode.FillAsync(signer.PostalCode);
    }

    /// <summary>Fills the form, sends it, and waits for the thank-you page it leads to.</summary>
    public async Task<ThanksPage> SignAsync(Signer signer)
    {
        await FillAsync(signer);
        await SubmitButton.ClickAsync();
        return await WaitForThanksAsync();
    }

    /// <summary>Waits for the thank-you page a sent form leads to, whatever its news.</summary>
    public async Task<ThanksPage> WaitForThanksAsync()
    {
        await page.WaitForURLAsync(ThanksAddress());
        return new ThanksPage(page, slug);
    }

    /// <summary>Sends the form as it is and waits for it to come back with its errors.</summary>
    public async Task SubmitExpectingErrorsAsync()
    {
        await SubmitButton.ClickAsync();
        await ErrorSummary.WaitForAsync();
    }

    /// <summary>
    /// The error a field announces: the element its aria-describedby names, if that element is an error and sits
    /// beside the field (in the same field group). Null when the field has no error.
    /// </summary>
    public async Task<string?> ErrorBesideAsync(ILocator field)
    {
        var describedBy = await field.GetAttributeAsync("aria-describedby") ?? "";
        var errorId = describedBy.Split(' ', StringSplitOptions.RemoveEmptyEntries).SingleOrDefault(id => id.EndsWith("-error", StringComparison.Ordinal));
        if (errorId is null)
        {
            return null;
        }
        var error = page.Locator($"[id='{errorId}']");
        Assert.Equal(1, await field.Locator("xpath=..").Locator($"[id='{errorId}']").CountAsync());
        Assert.True(await error.IsVisibleAsync(), $"The error {errorId} is not visible.");
        return Spaces().Replace(await error.InnerTextAsync(), " ").Trim();
    }

    private ILocator Field(string label) => page.GetByLabel(label, new() { Exact = true });

    private Regex ThanksAddress() => new($"/p/{Regex.Escape(slug)}/thanks(\\?.*)?$");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
