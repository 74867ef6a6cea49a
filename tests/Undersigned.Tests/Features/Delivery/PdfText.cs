using UglyToad.PdfPig;

namespace Undersigned.Tests.Features.Delivery;

/// <summary>The text of a PDF read back with PdfPig, as lines: the words of each page grouped by their baseline.</summary>
public static class PdfText
{
    public static (int Pages, List<string> Lines) Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var lines = new List<string>();
        foreach (var page in document.GetPages())
        {
            lines.AddRange(page.GetWords()
                .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
                .OrderByDescending(g => g.Key)
                .Select(g => string.Join(' ', g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text))));
        }
        return (document.NumberOfPages, lines);
    }
}
