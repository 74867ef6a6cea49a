using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Undersigned.Tests.Infrastructure;

/// <summary>Reading what the app answered: the page it sent, or where it redirected to.</summary>
public static class Answers
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> ReadPageAsync(this HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>The path and query a redirect points to, or null when the answer is not a redirect.</summary>
    public static string? RedirectTarget(this HttpResponseMessage response)
    {
        if (response.Headers.Location is not { } location)
        {
            return null;
        }
        var absolute = location.IsAbsoluteUri ? location : new Uri(new Uri("http://app.invalid"), location);
        return absolute.PathAndQuery;
    }
}
