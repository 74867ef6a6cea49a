using System.Globalization;
using Microsoft.Playwright;

namespace Undersigned.Browser.Tests.Pages;

/// <summary>The signature count both the petition page and the thank-you page show in their progress section.</summary>
internal static class PetitionCount
{
    public static async Task<int> ReadAsync(IPage page)
    {
        var number = page.Locator(".progress [data-count]");
        var value = await number.GetAttributeAsync("data-count")
            ?? throw new InvalidOperationException($"No signature count on {page.Url}.");
        return int.Parse(value, CultureInfo.InvariantCulture);
    }
}
