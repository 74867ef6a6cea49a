using System.Diagnostics;
using SkiaSharp;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Graphics.Operations.TextShowing;
using UglyToad.PdfPig.Graphics.Operations.TextState;
using UglyToad.PdfPig.Tokens;

namespace Undersigned.Tests.Features.Delivery;

/// <summary>What a PDF draws, beyond its text: the glyphs it shows and the page as a renderer paints it.</summary>
public static class PdfGlyphs
{
    /// <summary>
    /// How many times the PDF shows glyph 0 (.notdef, the "tofu" box a font draws for a character it lacks) in its
    /// embedded TrueType fonts, whose two-byte codes are glyph ids (Identity-H).
    /// </summary>
    public static int NotdefShown(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var shown = 0;
        foreach (var page in document.GetPages())
        {
            var fonts = Resolve(document, Resolve(document, page.Dictionary.Data["Resources"]) is DictionaryToken resources
                && resources.Data.TryGetValue("Font", out var f) ? f : null) as DictionaryToken;
            var twoByte = false;
            foreach (var operation in page.Operations)
            {
                switch (operation)
                {
                    case SetFontAndSize set:
                        twoByte = fonts is not null && fonts.Data.TryGetValue(set.Font.Data, out var font)
                            && Resolve(document, font) is DictionaryToken dictionary
                            && dictionary.Data.TryGetValue("Subtype", out var subtype) && subtype is NameToken { Data: "Type0" };
                        break;
                    case ShowText text when twoByte:
                        shown += Zeros(text.Bytes.Span);
                        break;
                    case ShowTextsWithPositioning texts when twoByte:
                        shown += texts.Array.OfType<StringToken>().Sum(s => Zeros(s.GetBytes()))
                            + texts.Array.OfType<HexToken>().Sum(h => Zeros(h.Bytes.ToArray()));
                        break;
                }
            }
        }
        return shown;
    }

    /// <summary>A page painted by Poppler's pdftoppm (Debian's poppler-utils) at 72 dpi: one pixel per point.</summary>
    public static SKBitmap Render(byte[] pdf, int page)
    {
        var folder = Directory.CreateTempSubdirectory("pdfglyphs");
        try
        {
            File.WriteAllBytes(Path.Combine(folder.FullName, "in.pdf"), pdf);
            using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "72", "-f", $"{page}", "-l", $"{page}",
                "-singlefile", "in.pdf", "page"]) { WorkingDirectory = folder.FullName, RedirectStandardError = true })!;
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return SKBitmap.Decode(Path.Combine(folder.FullName, "page.png"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The dark pixels of a rectangle of the page, given in PDF points (y up from the bottom).</summary>
    public static int Ink(SKBitmap page, double left, double right, double bottom, double top)
    {
        var ink = 0;
        for (var x = (int)left; x < (int)right; x++)
        {
            for (var y = page.Height - (int)top; y < page.Height - (int)bottom; y++)
            {
                var pixel = page.GetPixel(x, y);
                ink += pixel.Red + pixel.Green + pixel.Blue < 3 * 160 ? 1 : 0;
            }
        }
        return ink;
    }

    public static IEnumerable<Letter> Letters(byte[] pdf, int page)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPage(page).Letters.ToList();
    }

    private static IToken? Resolve(PdfDocument document, IToken? token) =>
        token is IndirectReferenceToken reference ? document.Structure.GetObject(reference.Data).Data : token;

    private static int Zeros(ReadOnlySpan<byte> codes)
    {
        var zeros = 0;
        for (var i = 0; i + 1 < codes.Length; i += 2)
        {
            zeros += codes[i] == 0 && codes[i + 1] == 0 ? 1 : 0;
        }
        return zeros;
    }
}
