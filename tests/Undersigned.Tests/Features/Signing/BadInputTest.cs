using System.Net;
using AngleSharp.Html.Dom;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// Hostile and mistaken input to the sign form. Each is refused with a 4xx, or with the form again showing the
/// error beside its field and the typed values kept; and nothing already stored changes.
/// The tests are split by what they pin (BadInput*Tests); this holds what they share.
/// </summary>
public abstract class BadInputTest<TApp>(PerDatabase<TApp> apps, ITestOutputHelper output)
    : IntegrationTest<TApp>(apps, output)
    where TApp : AppFixture, new()
{
    protected const string Script = "<script>alert(1)</script>";
    protected const string Sql = "'; DROP TABLE signatures; --";

    /// <summary>
    /// Posts the form and checks that it came back (400) with an error beside each named field and no other,
    /// every typed value still in its input, and nothing stored changed.
    /// </summary>
    protected async Task<IHtmlDocument> AssertFormAgainAsync(SignatureForm typed, params string[] fieldsInError)
    {
        var before = await StoredAsync();
        using var signer = NewSigner();

        using var response = await signer.SignAsync(Demo, typed);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadPageAsync();
        var errors = page.QuerySelectorAll(".field-error").Select(e => e.Id).Order().ToList();
        Assert.Equal(fieldsInError.Select(f => $"Form_{f}-error").Order(), errors);
        foreach (var field in fieldsInError)
        {
            Assert.False(string.IsNullOrWhiteSpace(page.GetElementById($"Form_{field}-error")!.TextContent));
            var input = page.GetElementById($"Form_{field}")!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Contains($"Form_{field}-error", input.GetAttribute("aria-describedby") ?? "", StringComparison.Ordinal);
        }
        foreach (var field in SignatureForm.TextFields.Where(f => f != "Country"))
        {
            // Blank fields bind as empty, and control characters cannot survive a round trip through HTML;
            // everything else must come back exactly as typed.
            if (typed[field] is { } value && !value.Any(char.IsControl))
            {
                Assert.Equal(string.IsNullOrWhiteSpace(value) ? "" : value, ValueShown(page, field) ?? "");
            }
        }
        Assert.Equal(before, await StoredAsync());
        return page;
    }

    /// <summary>A 4xx, or the form again with the error beside the field.</summary>
    protected static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var page = await response.ReadPageAsync();
            Assert.NotNull(page.GetElementById($"Form_{field}-error"));
        }
        else
        {
            Assert.InRange((int)response.StatusCode, 400, 499);
        }
    }

    private static string? ValueShown(IHtmlDocument page, string field)
    {
        var element = page.GetElementById($"Form_{field}")!;
        return element is IHtmlTextAreaElement textarea ? textarea.TextContent : element.GetAttribute("value");
    }

    /// <summary>Typed markup must reach the page as text: no script element, no event handler, no injected image.</summary>
    protected static void AssertNoLiveMarkup(IHtmlDocument page)
    {
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Empty(page.QuerySelectorAll("img"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(Script, page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
    }
}
