using AngleSharp.Html.Parser;
using Undersigned.Features.Petitions;

namespace Undersigned.Tests.Features.Petitions;

/// <summary>An organizer's Markdown becomes HTML that can run nothing and load nothing from elsewhere.</summary>
public sealed class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();
    private static readonly string[] SafeSchemes = ["https", "http", "mailto"];

    public static TheoryData<string> Hostile =>
    [
        "<script>alert(1)</script>",
        "Text <script src=\"https://evil.example/x.js\"></script> more",
        "<img src=x onerror=alert(1)>",
        "![tracking pixel](https://evil.example/pixel.png)",
        "![inline](data:image/png;base64,iVBORw0KGgo=)",
        "[click me](javascript:alert(1))",
        "[click me](JaVaScRiPt:alert(1))",
        "[click me]( javascript:alert(1) )",
        "[click me](javascript&#58;alert(1))",
        "[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click me](vbscript:msgbox(1))",
        "<a href=\"#\" onclick=\"alert(1)\">x</a>",
        "<div onmouseover=\"alert(1)\">hover</div>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<svg><script>alert(1)</script></svg>",
        "<style>body{display:none}</style>",
        "<object data=\"https://evil.example/x.swf\"></object>",
        "[x](https://example.org \"title\" onclick=alert(1))",
        "<https://example.org/\" onmouseover=\"alert(1)>",
        "*emphasis*<img src=x onerror=alert(1)>*",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Nothing_that_runs_or_loads_survives(string markdown)
    {
        var html = Render(markdown);
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");

        Assert.Empty(document.QuerySelectorAll("script, img, iframe, object, embed, style, svg, form, input, link, meta"));
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(element.Attributes, a => a.Name is "style" or "src" or "srcset");
            if (element.GetAttribute("href") is { } href)
            {
                var scheme = href.Trim().Split(':', 2) is [var s, _] ? s.ToLowerInvariant() : "";
                Assert.Contains(scheme, SafeSchemes);
            }
        }
    }

    [Fact]
    public void Ordinary_Markdown_becomes_headings_paragraphs_lists_and_safe_links()
    {
        var html = Render("## Why\n\nSensors *mistake* noise for **gunfire**.\n\n- one\n- two\n\n[Read more](https://example.org/report)");
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");

        Assert.Equal("Why", document.QuerySelector("h2")?.TextContent);
        Assert.Equal("mistake", document.QuerySelector("em")?.TextContent);
        Assert.Equal("gunfire", document.QuerySelector("strong")?.TextContent);
        Assert.Equal(2, document.QuerySelectorAll("li").Length);
        var link = document.QuerySelector("a")!;
        Assert.Equal("https://example.org/report", link.GetAttribute("href"));
        Assert.Equal("nofollow noopener noreferrer", link.GetAttribute("rel"));
    }

    [Fact]
    public void Raw_HTML_in_the_Markdown_is_shown_as_text()
    {
        var html = Render("Say <b>no</b> to <script>alert(1)</script> sensors.");
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");

        Assert.Contains("<script>alert(1)</script>", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("b, script"));
    }

    private static string Render(string markdown)
    {
        using var writer = new StringWriter();
        Renderer.Render(markdown).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }
}
