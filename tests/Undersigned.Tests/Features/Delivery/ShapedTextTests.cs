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
    [InlineData("lone \uD800 high and \uDC00 low surrogates")]
    [InlineData("\u202Eevil override\u202C and \u2067isolate\u2069")]
    [InlineData("nul \0 bell \a escape \u001B[31m")]
    [InlineData("\u200D\u200D\u200D\uFE0F\uFE0F")]
    [InlineData("مرحبا\u0301\u0301\u0301 עברית ١٢٣ 456 abc ! ?")]
    public void Hostile_text_is_shaped_wrapped_and_drawn_without_losing_a_grapheme(string text)
    {
        var zalgo = text + string.Concat(Enumerable.Repeat("a\u0301\u0302\u0303", 300));
        using var stream = new MemoryStream();
        using var document = SkiaSharp.SKDocument.CreatePdf(stream);
        var canvas = document.BeginPage(612, 792);
        using var ink = new SkiaSharp.SKPaint();

        var shaped = ShapedText.Of(zalgo, style);
        var lines = shaped.Wrap(60);
        foreach (var line in lines)
        {
            shaped.Draw(canvas, line, style, 54, 54, 60, ink);
        }
        document.EndPage();
        document.Close();

        Assert.True(stream.Length > 0);
        Assert.DoesNotContain(shaped.Value, char.IsControl);
        Assert.Equal(shaped.Value, System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(shaped.Value)));
        Assert.Equal(shaped.Value.Replace(" ", "", StringComparison.Ordinal),
            string.Concat(lines.Select(shaped.Text)).Replace(" ", "", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.True(shaped.Width(line) <= 60 || StringInfo.ParseCombiningCharacters(shaped.Text(line)).Length == 1));
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
