using System.Globalization;
using System.Text;
using SkiaSharp;
using HarfBuzzBuffer = HarfBuzzSharp.Buffer;
using HarfBuzzDirection = HarfBuzzSharp.Direction;

namespace Undersigned.Features.Delivery;

/// <summary>
/// A paragraph shaped once: cut into graphemes (a character with its marks, an emoji sequence), each in a font that
/// has it, in runs of one font and one direction that HarfBuzz shapes. Lines are wrapped by the shaped widths, in
/// one pass over the graphemes, and drawn from the same glyphs, so no grapheme is ever split and nothing is shaped twice.
/// </summary>
internal sealed class ShapedText
{
    private readonly string text;
    private readonly int[] starts; // each grapheme's first UTF-16 unit, and the text's length at the end
    private readonly int[] graphemeAt; // the grapheme of each UTF-16 unit
    private readonly float[] advances; // each grapheme's width in points
    private readonly List<Run> runs = [];

    private sealed record Run(int Start, int End, byte Level, FontFace Face, Glyph[] Glyphs);

    /// <summary>A glyph in points: its advance and its offset from the pen; <c>Cluster</c> is its grapheme's first unit.</summary>
    private readonly record struct Glyph(ushort Id, int Cluster, float Advance, float X, float Y);

    public readonly record struct Line(int Start, int End);

    private ShapedText(string text, TextStyle style)
    {
        this.text = text;
        RightToLeft = Bidi.IsRightToLeft(text);
        var levels = Bidi.Levels(text, RightToLeft);
        var graphemes = new List<int>();
        graphemeAt = new int[text.Length];
        for (var i = 0; i < text.Length;)
        {
            var length = StringInfo.GetNextTextElementLength(text.AsSpan(i));
            graphemeAt.AsSpan(i, length).Fill(graphemes.Count);
            graphemes.Add(i);
            i += length;
        }
        graphemes.Add(text.Length);
        starts = [.. graphemes];
        advances = new float[starts.Length - 1];

        FontFace? face = null;
        var runStart = 0;
        for (var g = 0; g < advances.Length; g++)
        {
            var next = style.Fonts.FaceFor(text.AsSpan(starts[g], starts[g + 1] - starts[g]), face);
            if (g > 0 && (next != face || levels[starts[g]] != levels[runStart]))
            {
                Shape(runStart, starts[g], levels[runStart], face!, style.Size);
                runStart = starts[g];
            }
            face = next;
        }
        if (face is not null)
        {
            Shape(runStart, text.Length, levels[runStart], face, style.Size);
        }
    }

    /// <summary>Whether the paragraph starts with a right-to-left letter: its lines then align right.</summary>
    public bool RightToLeft { get; }

    /// <summary>
    /// The text with line breaks, tabs and runs of spaces made one space, control characters dropped, a lone half of
    /// a surrogate pair replaced by U+FFFD, and trimmed.
    /// </summary>
    public static ShapedText Of(string text, TextStyle style)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    clean.Append(c).Append(text[++i]);
                }
                else
                {
                    clean.Append('\uFFFD');
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (clean.Length > 0 && clean[^1] != ' ')
                {
                    clean.Append(' ');
                }
            }
            else if (!char.IsControl(c))
            {
                clean.Append(c);
            }
        }
        return new ShapedText(clean.ToString().TrimEnd(' '), style);
    }

    public float TotalWidth => Measure(0, starts.Length - 1);

    public float Width(Line line) => line.End == line.Start ? 0 : Measure(graphemeAt[line.Start], graphemeAt[line.End - 1] + 1);

    /// <summary>
    /// The lines no wider than <paramref name="width"/>: broken at spaces, and a word longer than a line between
    /// graphemes. Each grapheme is looked at once, and each break moves past it, so the work is linear in the text.
    /// </summary>
    public List<Line> Wrap(float width)
    {
        var lines = new List<Line>();
        var count = advances.Length;
        var first = 0; // the line's first grapheme
        var lineWidth = 0f; // of graphemes first..g
        var space = -1; // the last space on the line, where it may break
        var widthBeforeSpace = 0f;
        for (var g = 0; g < count; g++)
        {
            if (IsSpace(g))
            {
                if (g == first)
                {
                    first++; // a line never starts with a space
                    continue;
                }
                space = g;
                widthBeforeSpace = lineWidth;
                lineWidth += advances[g];
                continue;
            }
            while (lineWidth + advances[g] > width && g > first)
            {
                if (space > first)
                {
                    lines.Add(Between(first, space));
                    lineWidth -= widthBeforeSpace + advances[space];
                    first = space + 1;
                }
                else
                {
                    lines.Add(Between(first, g));
                    lineWidth = 0;
                    first = g;
                }
                space = -1;
            }
            lineWidth += advances[g];
        }
        if (first < count || lines.Count == 0)
        {
            lines.Add(Between(Math.Min(first, count), count));
        }
        return lines;
    }

    /// <summary>Draws a line with its top-left corner at (<paramref name="x"/>, <paramref name="top"/>), right-aligned
    /// in <paramref name="width"/> when the paragraph is right-to-left.</summary>
    public void Draw(SKCanvas canvas, Line line, TextStyle style, float x, float top, float width, SKPaint paint)
    {
        var pieces = runs.Where(r => r.Start < line.End && r.End > line.Start)
            .Select(r => (Run: r, Start: Math.Max(r.Start, line.Start), End: Math.Min(r.End, line.End))).ToList();
        if (pieces.Count == 0)
        {
            return;
        }
        // Runs are placed in visual order (L2), but written in logical order, so a reader copies the text as typed.
        var order = Bidi.VisualOrder(pieces.Select(p => p.Run.Level).ToList());
        var left = new float[pieces.Count];
        var pen = 0f;
        foreach (var p in order)
        {
            left[p] = pen;
            pen += Width(new Line(pieces[p].Start, pieces[p].End));
        }
        var shift = RightToLeft ? Math.Max(0, width - pen) : 0;
        using var builder = new SKTextBlobBuilder();
        for (var p = 0; p < pieces.Count; p++)
        {
            var (run, start, end) = pieces[p];
            var glyphs = run.Glyphs.Where(g => g.Cluster >= start && g.Cluster < end).ToList();
            var piece = text.AsSpan(start, end - start);
            var buffer = builder.AllocateRawPositionedTextRun(style.Font(run.Face), glyphs.Count, Encoding.UTF8.GetByteCount(piece));
            Encoding.UTF8.GetBytes(piece, buffer.Text);
            var offsets = Utf8Offsets(piece);
            pen = left[p];
            for (var i = 0; i < glyphs.Count; i++)
            {
                buffer.Glyphs[i] = glyphs[i].Id;
                buffer.Positions[i] = new SKPoint(pen + glyphs[i].X, -glyphs[i].Y);
                buffer.Clusters[i] = (uint)offsets[glyphs[i].Cluster - start];
                pen += glyphs[i].Advance;
            }
        }
        using var blob = builder.Build();
        if (blob is not null)
        {
            canvas.DrawText(blob, x + shift, top + style.Ascent, paint);
        }
    }

    /// <summary>The paragraph's glyphs with their fonts, for checking that every character found one.</summary>
    public IEnumerable<(ushort Glyph, FontFace Face)> Glyphs => runs.SelectMany(r => r.Glyphs.Select(g => (g.Id, r.Face)));

    /// <summary>The text as it is laid out, after <see cref="Of"/> cleaned it.</summary>
    public string Value => text;

    public string Text(Line line) => text[line.Start..line.End];

    private void Shape(int start, int end, byte level, FontFace face, float size)
    {
        using var buffer = new HarfBuzzBuffer();
        buffer.AddUtf16(text.AsSpan(), start, end - start);
        buffer.Direction = level % 2 == 1 ? HarfBuzzDirection.RightToLeft : HarfBuzzDirection.LeftToRight;
        buffer.GuessSegmentProperties();
        face.Shaper.Shape(buffer);
        var scale = size / face.UnitsPerEm;
        var infos = buffer.GetGlyphInfoSpan();
        var positions = buffer.GetGlyphPositionSpan();
        var glyphs = new Glyph[infos.Length];
        for (var i = 0; i < infos.Length; i++)
        {
            var cluster = (int)infos[i].Cluster;
            glyphs[i] = new Glyph((ushort)infos[i].Codepoint, cluster, positions[i].XAdvance * scale,
                positions[i].XOffset * scale, positions[i].YOffset * scale);
            advances[graphemeAt[cluster]] += glyphs[i].Advance;
        }
        runs.Add(new Run(start, end, level, face, glyphs));
    }

    private float Measure(int firstGrapheme, int endGrapheme)
    {
        var sum = 0f;
        for (var g = firstGrapheme; g < endGrapheme; g++)
        {
            sum += advances[g];
        }
        return sum;
    }

    private bool IsSpace(int grapheme) => FontFallback.IsSpace(text.AsSpan(starts[grapheme], starts[grapheme + 1] - starts[grapheme]));

    private Line Between(int firstGrapheme, int endGrapheme) => new(starts[firstGrapheme], starts[endGrapheme]);

    private static int[] Utf8Offsets(ReadOnlySpan<char> piece)
    {
        var offsets = new int[piece.Length];
        var offset = 0;
        for (var i = 0; i < piece.Length; i++)
        {
            offsets[i] = offset;
            offset += char.IsHighSurrogate(piece[i]) ? 4 : char.IsLowSurrogate(piece[i]) ? 0 : piece[i] < 0x80 ? 1 : piece[i] < 0x800 ? 2 : 3;
        }
        return offsets;
    }
}
