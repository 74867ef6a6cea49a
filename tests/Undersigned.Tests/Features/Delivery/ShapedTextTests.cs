using System.Globalization;
using Undersigned.Features.Delivery;

namespace Undersigned.Tests.Features.Delivery;

/// <summary>How the delivery PDF fits text into its columns: every script in a font that has it, lines that fit.</summary>
public sealed class ShapedTextTests : IDisposable
{
    private readonly TextStyle style = new(DeliveryFonts.In(null).Regular, 9);

    /// <summary>Graphemes that a split would break: a combining accent, a surrogate pair, an emoji family, a Devanagari cluster, a flag.</summary>
    private static readonly string[] Pieces = ["e\u0301", "𝒜", "👩‍👩‍👧", "क्षि", "🇫🇷", "漢", "x"];

    public static TheoryData<string, string> Scripts => new()
    {
        { "Latin", "José Zoë Ðorđević" },
        { "Cyrillic", "Анна Каренина" },
        { "Greek", "Ελένη Παππά" },
        { "CJK", "漢字 テスト 김민준" },
        { "Arabic", "مرحبا بالعالم ١٢٣" },
        { "Hebrew", "עברית שלום" },
        { "Devanagari", "नमस्ते दुनिया" },
        { "Emoji", "😀 👩‍👩‍👧 🇫🇷 ❤️ 1️⃣" },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Every_script_is_drawn_with_a_real_glyph_for_each_character(string script, string text)
    {
        var shaped = ShapedText.Of(text, style);

        Assert.NotEmpty(shaped.Glyphs);
        Assert.All(shaped.Glyphs, g => Assert.True(g.Glyph != 0, $"{script}: a .notdef glyph in {g.Face.Path}"));
    }

    [Fact]
    public void A_word_longer_than_the_column_wraps_into_lines_that_fit_and_never_split_a_grapheme()
    {
        var word = new System.Text.StringBuilder();
        for (var i = 0; word.Length < 1000; i++)
        {
            word.Append(Pieces[i % Pieces.Length]);
        }
        var text = word.ToString();
        var boundaries = StringInfo.ParseCombiningCharacters(text).Append(text.Length).ToHashSet();

        var shaped = ShapedText.Of(text, style);
        var lines = shaped.Wrap(100);

        Assert.True(lines.Count > 10, $"{lines.Count} lines");
        Assert.Equal(text, string.Concat(lines.Select(shaped.Text)));
        Assert.All(lines, line =>
        {
            Assert.Contains(line.Start, boundaries);
            Assert.Contains(line.End, boundaries);
            Assert.InRange(shaped.Width(line), 1, 100);
        });
    }

    [Fact]
    public void Lines_break_at_spaces_that_they_neither_start_nor_end_with()
    {
        var text = string.Join(' ', Enumerable.Repeat("Acoustic sensors make no one safer.", 20));

        var shaped = ShapedText.Of(text, style);
        var lines = shaped.Wrap(200).Select(shaped.Text).ToList();

        Assert.True(lines.Count > 3);
        Assert.Equal(text, string.Join(' ', lines));
        Assert.All(lines, l => Assert.False(l.StartsWith(' ') || l.EndsWith(' '), $"[{l}]"));
        Assert.All(lines, l => Assert.True(ShapedText.Of(l, style).TotalWidth <= 200, l));
    }

    [Theory]
    [InlineData("abc", false, new byte[] { 0, 0, 0 })]
    [InlineData("אב 12", true, new byte[] { 1, 1, 1, 2, 2 })]
    [InlineData("Hi שלום!", false, new byte[] { 0, 0, 0, 1, 1, 1, 1, 0 })]
    [InlineData("مرحبا 123", true, new byte[] { 1, 1, 1, 1, 1, 1, 2, 2, 2 })]
    [InlineData("١٢ abc", false, new byte[] { 2, 2, 0, 0, 0, 0 })]
    public void Right_to_left_letters_and_the_numbers_among_them_get_their_levels(string text, bool rightToLeft, byte[] levels)
    {
        Assert.Equal(rightToLeft, Bidi.IsRightToLeft(text));
        Assert.Equal(levels, Bidi.Levels(text, rightToLeft));
    }

    [Fact]
    public void Runs_are_reordered_right_to_left_with_numbers_kept_left_to_right()
    {
        // "abc" "שלום" "12" "עוד": the Hebrew and its number read from the right, the number itself from the left.
        Assert.Equal([0, 3, 2, 1], Bidi.VisualOrder([0, 1, 2, 1]));
        Assert.Equal([2, 1, 0], Bidi.VisualOrder([1, 1, 1]));
    }

    public void Dispose() => style.Dispose();
}
