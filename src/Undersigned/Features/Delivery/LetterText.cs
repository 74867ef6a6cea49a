using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Undersigned.Features.Delivery;

/// <summary>
/// The petition's Markdown as the plain paragraphs of a letter: headings, paragraphs and list items in order, each
/// one line of text (soft line breaks become spaces), links as their text. No markup reaches the PDF.
/// </summary>
public static class LetterText
{
    public sealed record Paragraph(string Text, bool IsHeading);

    public static IEnumerable<Paragraph> Of(string markdown)
    {
        foreach (var block in Markdown.Parse(markdown).Descendants<LeafBlock>())
        {
            var text = new StringBuilder();
            if (block.Parent is ListItemBlock)
            {
                text.Append("• ");
            }
            Append(block.Inline, text);
            if (block is not (HeadingBlock or ParagraphBlock))
            {
                text.Append(string.Join(' ', block.Lines.Lines.Take(block.Lines.Count).Select(l => l.Slice.ToString())));
            }
            var line = text.ToString().Trim();
            if (line.Length > 0 && line != "•")
            {
                yield return new Paragraph(line, block is HeadingBlock);
            }
        }
    }

    private static void Append(ContainerInline? container, StringBuilder text)
    {
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case ContainerInline nested:
                    Append(nested, text);
                    break;
            }
        }
    }
}
