using SkiaSharp;

namespace Undersigned.Features.Delivery;

/// <summary>A size and weight of the PDF's text, with Skia's font of each face at that size, made once and reused.</summary>
internal sealed class TextStyle(FontFallback fonts, float size) : IDisposable
{
    private readonly Dictionary<FontFace, SKFont> sized = [];

    public FontFallback Fonts => fonts;

    public float Size => size;

    /// <summary>From the top of a line to its baseline: the primary font's ascent.</summary>
    public float Ascent => -Font(fonts.Primary).Metrics.Ascent;

    public SKFont Font(FontFace face)
    {
        if (!sized.TryGetValue(face, out var font))
        {
            font = new SKFont(face.Typeface, size) { Subpixel = true };
            sized[face] = font;
        }
        return font;
    }

    public void Dispose()
    {
        foreach (var font in sized.Values)
        {
            font.Dispose();
        }
        sized.Clear();
    }
}
