using Undersigned.Features.Delivery;

namespace Undersigned.Tests.Features.Delivery;

public sealed class LetterTextTests
{
    [Fact]
    public void Markdown_becomes_plain_paragraphs_with_soft_breaks_joined_and_headings_marked()
    {
        var paragraphs = LetterText.Of("## Why\n\nSensors *listen*\nall the time, see [the report](https://example.org).\n\n- one\n- `two`").ToList();

        Assert.Equal(
        [
            new LetterText.Paragraph("Why", true),
            new LetterText.Paragraph("Sensors listen all the time, see the report.", false),
            new LetterText.Paragraph("• one", false),
            new LetterText.Paragraph("• two", false),
        ], paragraphs);
    }
}

public sealed class UsStatesTests
{
    [Theory]
    [InlineData("60601", "IL")]
    [InlineData("10001", "NY")]
    [InlineData("94110", "CA")]
    [InlineData("02134", "MA")]
    [InlineData("20500", "DC")]
    [InlineData("99501", "AK")]
    [InlineData("00901", "PR")]
    [InlineData("73301", "TX")]
    public void A_zip_code_gives_its_state(string zip, string state) => Assert.Equal(state, UsStates.OfZip(zip));

    [Theory]
    [InlineData("00001")]
    [InlineData("ab123")]
    [InlineData("12")]
    [InlineData(null)]
    public void A_zip_code_of_no_known_prefix_gives_no_state(string? zip) => Assert.Null(UsStates.OfZip(zip));
}
