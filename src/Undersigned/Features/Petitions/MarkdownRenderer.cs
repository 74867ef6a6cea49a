using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace Undersigned.Features.Petitions;

/// <summary>Turns an organizer's Markdown into HTML that is safe to put on a public page.</summary>
public sealed class MarkdownRenderer
{
    // Raw HTML in the Markdown is escaped by Markdig; the sanitizer is the second wall, not the only one.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseListExtras()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    public IHtmlContent Render(string markdown) =>
        new HtmlString(sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["https", "http", "mailto"]);
        // Images would be requests to other servers, which this platform never makes on a reader's behalf.
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
