using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Undersigned.Tests.Features.Delivery;

/// <summary>
/// The text of a PDF read back with PdfPig, as a reader that honours the PDF's own marks copies it: letters in the
/// order the page writes them, an <c>/ActualText</c> span (a Devanagari cluster, a flag) replaced by its text, a
/// <c>/ReversedChars</c> run (right-to-left text, written in visual order) turned back to the order it was typed,
/// and Arabic contextual forms folded to their letters (NFKC). Lines are the letters that share a baseline, top to
/// bottom; letters more than a few points apart (table cells) are joined with a space.
/// </summary>
public static class PdfText
{
    public static (int Pages, List<string> Lines) Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var lines = new List<string>();
        foreach (var page in document.GetPages())
        {
            lines.AddRange(Pieces(page)
                .GroupBy(p => Math.Round(p.Baseline))
                .OrderByDescending(g => g.Key)
                .Select(Join));
        }
        return (document.NumberOfPages, lines);
    }

    private sealed record Piece(string Text, double Baseline, double Left, double Right);

    private static IEnumerable<Piece> Pieces(Page page)
    {
        var actual = new Dictionary<Letter, MarkedContentElement>(ReferenceEqualityComparer.Instance);
        var reversed = new Dictionary<Letter, MarkedContentElement>(ReferenceEqualityComparer.Instance);
        foreach (var mark in page.GetMarkedContents())
        {
            Mark(mark, actual, reversed);
        }
        // A glyph, or the glyphs of one /ActualText span; then the runs of those within one /ReversedChars mark.
        var atoms = Runs(page.Letters, l => actual.GetValueOrDefault(l))
            .Select(run => (Piece: Of(actual.GetValueOrDefault(run[0])?.ActualText ?? string.Concat(run.Select(l => l.Value)), run),
                Reversed: reversed.GetValueOrDefault(run[0])))
            .ToList();
        foreach (var run in Runs(atoms, a => a.Reversed))
        {
            var pieces = run.Select(a => a.Piece).ToList();
            if (run[0].Reversed is not null)
            {
                pieces.Reverse();
            }
            yield return new Piece(Fold(string.Concat(pieces.Select(p => p.Text))), pieces[0].Baseline,
                pieces.Min(p => p.Left), pieces.Max(p => p.Right));
        }
    }

    /// <summary>Consecutive items that share a mark; an item without one is a run of its own.</summary>
    private static IEnumerable<List<T>> Runs<T>(IEnumerable<T> items, Func<T, MarkedContentElement?> markOf)
    {
        var run = new List<T>();
        foreach (var item in items)
        {
            if (run.Count > 0 && (markOf(item) is null || markOf(item) != markOf(run[0])))
            {
                yield return run;
                run = [];
            }
            run.Add(item);
        }
        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static void Mark(MarkedContentElement mark, Dictionary<Letter, MarkedContentElement> actual,
        Dictionary<Letter, MarkedContentElement> reversed, MarkedContentElement? reversing = null)
    {
        reversing ??= mark.Tag == "ReversedChars" ? mark : null;
        foreach (var letter in mark.Letters)
        {
            if (mark.ActualText is not null)
            {
                actual[letter] = mark;
            }
            if (reversing is not null)
            {
                reversed[letter] = reversing;
            }
        }
        foreach (var child in mark.Children)
        {
            Mark(child, actual, reversed, reversing);
        }
    }

    /// <summary>A piece of text and where its pen starts and ends on the baseline.</summary>
    private static Piece Of(string text, List<Letter> letters) => new(text, letters[0].StartBaseLine.Y,
        letters.Min(l => Math.Min(l.StartBaseLine.X, l.EndBaseLine.X)), letters.Max(l => Math.Max(l.StartBaseLine.X, l.EndBaseLine.X)));

    private static string Join(IEnumerable<Piece> line)
    {
        var text = new StringBuilder();
        Piece? previous = null;
        foreach (var piece in line)
        {
            if (previous is not null && Math.Max(piece.Left - previous.Right, previous.Left - piece.Right) > 3)
            {
                text.Append(' ');
            }
            text.Append(piece.Text);
            previous = piece;
        }
        return string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Fold(string text) => text.Any(c => c is >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF')
        ? text.Normalize(NormalizationForm.FormKC) : text;

}
