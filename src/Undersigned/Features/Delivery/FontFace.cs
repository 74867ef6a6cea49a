using System.Text;
using HarfBuzzSharp;
using SkiaSharp;

namespace Undersigned.Features.Delivery;

/// <summary>
/// One font file as the PDF uses it: Skia's typeface draws and embeds it, HarfBuzz's font shapes with it (both map
/// the file rather than copy it). Both are safe to share between threads, so one face serves every PDF in the process.
/// </summary>
internal sealed class FontFace : IDisposable
{
    private readonly HarfBuzzSharp.Font shaper;

    public FontFace(string path, bool isEmoji)
    {
        Path = path;
        IsEmoji = isEmoji;
        Typeface = SKTypeface.FromFile(path)
            ?? throw new InvalidOperationException($"The delivery PDF cannot read the font {path}.");
        using var blob = Blob.FromFile(path);
        using var face = new Face(blob, 0);
        UnitsPerEm = face.UnitsPerEm;
        shaper = new HarfBuzzSharp.Font(face);
        shaper.SetScale(UnitsPerEm, UnitsPerEm);
    }

    public string Path { get; }

    /// <summary>The colour emoji font: used only for emoji, never for the spaces and digits it also holds.</summary>
    public bool IsEmoji { get; }

    public SKTypeface Typeface { get; }

    public int UnitsPerEm { get; }

    public HarfBuzzSharp.Font Shaper => shaper;

    /// <summary>Whether the font has a glyph for every character of the text, format characters aside.</summary>
    public bool Covers(ReadOnlySpan<char> text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsInvisible(rune) && !Covers(rune))
            {
                return false;
            }
        }
        return true;
    }

    public bool Covers(Rune rune) => shaper.TryGetNominalGlyph((uint)rune.Value, out var glyph) && glyph != 0;

    public void Dispose()
    {
        shaper.Dispose();
        Typeface.Dispose();
    }

    /// <summary>Joiners, variation selectors and direction marks: they shape their neighbours and draw nothing.</summary>
    public static bool IsInvisible(Rune rune) =>
        rune.Value is 0x200C or 0x200D or 0x200E or 0x200F or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF)
            or (>= 0xE0020 and <= 0xE007F);
}
