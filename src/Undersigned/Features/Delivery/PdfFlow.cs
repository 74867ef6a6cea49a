using System.Globalization;
using SkiaSharp;

namespace Undersigned.Features.Delivery;

/// <summary>
/// Text flowing down US Letter pages: a cursor, a new page (with its footer) when the next block does not fit, and
/// wrapped lines of shaped text. Skia writes each page to the file as soon as the next one starts.
/// </summary>
internal sealed class PdfFlow : IDisposable
{
    public const float Left = 54;
    public const float Width = 612 - (2 * 54);
    private const float Top = 54;
    private const float Bottom = 792 - 66;

    private readonly SKDocument document;
    private readonly string footer;
    private readonly TextStyle footerStyle;
    private readonly SKPaint ink = new() { Color = SKColors.Black, IsAntialias = true };
    private readonly SKPaint grey = new() { Color = SKColors.Gray, IsAntialias = true };
    private SKCanvas canvas;
    private bool closed;

    public PdfFlow(SKDocument document, string footer, TextStyle footerStyle)
    {
        this.document = document;
        this.footer = footer;
        this.footerStyle = footerStyle;
        canvas = StartPage();
    }

    public float Y { get; set; }

    public int Pages { get; private set; }

    /// <summary>Starts a new page unless <paramref name="height"/> more points fit on this one.</summary>
    public bool Need(float height)
    {
        if (Y + height <= Bottom)
        {
            return false;
        }
        NewPage();
        return true;
    }

    public void NewPage()
    {
        document.EndPage();
        canvas = StartPage();
    }

    /// <summary>One line of text, unwrapped, with its top-left corner at (x, y).</summary>
    public void Text(string text, TextStyle style, float x, float y) => Draw(ShapedText.Of(text, style), style, x, y, 0);

    /// <summary>A paragraph of wrapped lines across the text width, breaking pages between lines.</summary>
    public void Paragraph(string text, TextStyle style, float lineHeight, float spaceAfter = 0)
    {
        var shaped = ShapedText.Of(text, style);
        foreach (var line in shaped.Wrap(Width))
        {
            Need(lineHeight);
            shaped.Draw(canvas, line, style, Left, Y, Width, ink);
            Y += lineHeight;
        }
        Y += spaceAfter;
    }

    /// <summary>Draws the text's lines one under the other from (x, y), right-aligned in the width if right-to-left.</summary>
    public void Lines(ShapedText text, IReadOnlyList<ShapedText.Line> lines, TextStyle style, float x, float y, float width, float lineHeight)
    {
        for (var l = 0; l < lines.Count; l++)
        {
            text.Draw(canvas, lines[l], style, x, y + (l * lineHeight), width, ink);
        }
    }

    public static float Measure(string text, TextStyle style) => ShapedText.Of(text, style).TotalWidth;

    /// <summary>Ends the last page; the document can then be closed.</summary>
    public void Dispose()
    {
        if (!closed)
        {
            document.EndPage();
            ink.Dispose();
            grey.Dispose();
            closed = true;
        }
    }

    private void Draw(ShapedText text, TextStyle style, float x, float y, float width) =>
        text.Draw(canvas, text.Wrap(float.MaxValue)[0], style, x, y, width, ink);

    private SKCanvas StartPage()
    {
        var page = document.BeginPage(612, 792);
        Pages++;
        var text = ShapedText.Of($"{footer} · {Pages.ToString("N0", CultureInfo.InvariantCulture)}", footerStyle);
        text.Draw(page, text.Wrap(float.MaxValue)[0], footerStyle, Left, Bottom + 30, Width, grey);
        Y = Top;
        return page;
    }
}
