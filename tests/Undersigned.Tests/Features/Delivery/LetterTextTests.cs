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
