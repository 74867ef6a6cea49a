using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;

namespace Undersigned.Features.Delivery;

/// <summary>
/// Text flowing down US Letter pages: a cursor, a new page (with its footer) when the next block does not fit, and
/// word wrapping by the font's own widths. A page's drawing is closed as soon as the next one starts.
/// </summary>
internal sealed class PdfFlow : IDisposable
{
    public const double Left = 54;
    public const double Width = 612 - (2 * 54);
    private const double Top = 54;
    private const double Bottom = 792 - 66;

    private readonly PdfDocument document;
    private readonly string footer;
    private readonly XFont footerFont;
    private XGraphics graphics;
    private bool closed;

    public PdfFlow(PdfDocument document, string footer, XFont footerFont)
    {
        this.document = document;
        this.footer = footer;
        this.footerFont = footerFont;
        graphics = StartPage();
    }

    public double Y { get; set; }

    public int Pages => document.PageCount;

    public XGraphics Graphics => graphics;

    /// <summary>Starts a new page unless <paramref name="height"/> more points fit on this one.</summary>
    public bool Need(double height)
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
        Close();
        graphics = StartPage();
    }

    public void Text(string text, XFont font, double x, double y)
    {
        if (text.Length > 0)
        {
            graphics.DrawString(text, font, XBrushes.Black, x, y, XStringFormats.TopLeft);
        }
    }

    /// <summary>A paragraph of wrapped lines across the text width, breaking pages between lines.</summary>
    public void Paragraph(string text, XFont font, double lineHeight, double spaceAfter = 0)
    {
        foreach (var line in Wrap(text, font, Width))
        {
            Need(lineHeight);
            Text(line, font, Left, Y);
            Y += lineHeight;
        }
        Y += spaceAfter;
    }

    /// <summary>The text broken into lines no wider than <paramref name="width"/>; words too long for a line are cut.</summary>
    public List<string> Wrap(string text, XFont font, double width)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        if (text.Length == 0 || Measure(text, font) <= width)
        {
            return [text];
        }
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (Measure(candidate, font) <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0)
            {
                lines.Add(line);
            }
            line = word;
            while (Measure(line, font) > width && line.Length > 1)
            {
                var fit = line.Length - 1;
                while (fit > 1 && Measure(line[..fit], font) > width)
                {
                    fit--;
                }
                lines.Add(line[..fit]);
                line = line[fit..];
            }
        }
        if (line.Length > 0)
        {
            lines.Add(line);
        }
        return lines;
    }

    public double Measure(string text, XFont font) => graphics.MeasureString(text, font).Width;

    /// <summary>Closes the last page's drawing; the document can then be saved.</summary>
    public void Dispose()
    {
        if (!closed)
        {
            Close();
            closed = true;
        }
    }

    /// <summary>
    /// Ends the page's drawing and compresses its content at once: PDFsharp holds every page until the file is
    /// saved, and compressed pages take a fraction of the memory (it would compress them on saving anyway).
    /// </summary>
    private void Close()
    {
        graphics.Dispose();
        foreach (var item in document.Pages[document.PageCount - 1].Contents.Elements)
        {
            if (item is PdfReference { Value: PdfContent content })
            {
                content.Compressed = true;
            }
        }
    }

    private XGraphics StartPage()
    {
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(612);
        page.Height = XUnit.FromPoint(792);
        var g = XGraphics.FromPdfPage(page);
        g.DrawString($"{footer} · {document.PageCount.ToString("N0", CultureInfo.InvariantCulture)}", footerFont,
            XBrushes.Gray, Left, Bottom + 30, XStringFormats.TopLeft);
        Y = Top;
        return g;
    }
}
