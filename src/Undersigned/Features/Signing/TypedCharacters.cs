using System.Globalization;
using System.Text;

namespace Undersigned.Features.Signing;

/// <summary>
/// Characters that show nothing, or only steer how the text around them is drawn. They hide differences between two
/// strings that look the same, so addresses refuse all of them and names refuse all but the joiners scripts need.
/// </summary>
public static class TypedCharacters
{
    /// <summary>Bidirectional controls: embeddings and overrides, isolates, and the left-to-right, right-to-left and Arabic marks.</summary>
    public static bool IsDirectionControl(Rune r) => IsDirectionOverride(r) || r.Value is 0x200E or 0x200F or 0x061C;

    /// <summary>Embeddings, overrides and isolates: they open a run of reversed text that can spill past the field.</summary>
    public static bool IsDirectionOverride(Rune r) => r.IsBmp && IsDirectionOverride((char)r.Value);

    public static bool IsDirectionOverride(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>
    /// Format characters (zero-width space, soft hyphen, byte order mark, word joiner, tags, direction controls...)
    /// and the letters and symbols drawn as blank space (Hangul fillers, the blank Braille pattern).
    /// </summary>
    public static bool IsInvisible(Rune r) =>
        Rune.GetUnicodeCategory(r) == UnicodeCategory.Format || r.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800;

    /// <summary>
    /// Invisible characters that change the one before them: the zero-width joiner and non-joiner (Persian, Indic
    /// scripts, emoji sequences), variation selectors (emoji), the grapheme and Mongolian joiners. Names keep them.
    /// </summary>
    public static bool IsJoiner(Rune r) => r.Value is 0x200C or 0x200D or 0x034F or >= 0x180B and <= 0x180F
        or >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF;
}
