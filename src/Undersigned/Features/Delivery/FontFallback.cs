using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Undersigned.Features.Delivery;

/// <summary>
/// Picks the font for each grapheme (a character with its marks, or an emoji sequence): the first font of the list
/// that has a glyph for all of it. Emoji go to the emoji font first; spaces, digits and punctuation stay in the font
/// of the text around them when it has them, so a run of Arabic keeps its own digits. Fonts open on first use.
/// </summary>
internal sealed class FontFallback
{
    private readonly Lazy<FontFace>[] faces;
    private readonly int emoji;
    private readonly ConcurrentDictionary<int, int> firstCovering = new();

    public FontFallback(IReadOnlyList<string> paths)
    {
        faces = paths.Select(p => new Lazy<FontFace>(() => new FontFace(p, IsEmojiFont(p)))).ToArray();
        emoji = paths.ToList().FindIndex(IsEmojiFont);
    }

    /// <summary>The first font, for Latin, Greek and Cyrillic, and for what no installed font has (drawn as a box).</summary>
    public FontFace Primary => faces[0].Value;

    public FontFace FaceFor(ReadOnlySpan<char> grapheme, FontFace? previous)
    {
        if (IsSpace(grapheme))
        {
            return previous is { IsEmoji: false } ? previous : Primary;
        }
        if (emoji >= 0 && LooksLikeEmoji(grapheme) && faces[emoji].Value.Covers(grapheme))
        {
            return faces[emoji].Value;
        }
        if (previous is { IsEmoji: false } && !HasLetter(grapheme) && previous.Covers(grapheme))
        {
            return previous;
        }
        if (Primary.Covers(grapheme))
        {
            return Primary;
        }
        var from = 0;
        foreach (var rune in grapheme.EnumerateRunes())
        {
            from = Math.Max(from, FirstCovering(rune));
        }
        for (var i = from; i < faces.Length; i++)
        {
            if (i != emoji && faces[i].Value.Covers(grapheme))
            {
                return faces[i].Value;
            }
        }
        return emoji >= 0 && faces[emoji].Value.Covers(grapheme) ? faces[emoji].Value : Primary;
    }

    /// <summary>The index of the first font with a glyph for this character; no font before it has one.</summary>
    private int FirstCovering(Rune rune)
    {
        if (FontFace.IsInvisible(rune) || Primary.Covers(rune))
        {
            return 0;
        }
        return firstCovering.GetOrAdd(rune.Value, value =>
        {
            for (var i = 1; i < faces.Length; i++)
            {
                if (faces[i].Value.Covers(new Rune(value)))
                {
                    return i;
                }
            }
            return 0;
        });
    }

    private static bool IsEmojiFont(string path) => Path.GetFileName(path).Contains("Emoji", StringComparison.OrdinalIgnoreCase);

    public static bool IsSpace(ReadOnlySpan<char> grapheme) => grapheme.Length == 1 && char.IsWhiteSpace(grapheme[0]);

    /// <summary>Emoji presentation: a variation selector 16, a joiner, a keycap, a flag, or a pictograph past U+1F000.</summary>
    private static bool LooksLikeEmoji(ReadOnlySpan<char> grapheme)
    {
        foreach (var rune in grapheme.EnumerateRunes())
        {
            if (rune.Value is 0xFE0F or 0x200D or 0x20E3 or >= 0x1F000 and <= 0x1FAFF)
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasLetter(ReadOnlySpan<char> grapheme)
    {
        foreach (var rune in grapheme.EnumerateRunes())
        {
            if (Rune.IsLetter(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.SpacingCombiningMark)
            {
                return true;
            }
        }
        return false;
    }
}
