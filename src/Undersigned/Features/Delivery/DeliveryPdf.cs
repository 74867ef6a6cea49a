using System.Globalization;
using SkiaSharp;
using Undersigned.Features.Petitions;
using Undersigned.Features.Signing;

namespace Undersigned.Features.Delivery;

/// <summary>
/// The delivery package as a PDF: a cover letter, the totals by country and US state, then every counted signer
/// with their place and comment. Signers are drawn as they are read, page after page, and Skia writes each page out
/// as the next begins; only the fonts wait for the end of the file (docs/performance.md).
/// </summary>
public static class DeliveryPdf
{
    private static readonly string[] Columns = ["Name", "Place", "Country", "Comment"];
    private static readonly float[] ColumnWidths = [140, 100, 80, PdfFlow.Width - 140 - 100 - 80];
    private const float Gap = 6;

    public sealed record Written(int Signers, int Pages);

    /// <summary>Writes the PDF to <paramref name="output"/>.</summary>
    public static async Task<Written> WriteAsync(Stream output, DeliveryCover cover, DeliveryContents contents,
        DeliveryFonts fonts, CancellationToken ct)
    {
        var culture = CultureInfo.GetCultureInfo(cover.Locale);
        using var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = cover.Title,
            Creator = "Undersigned",
            Producer = "Undersigned",
            Creation = cover.Date,
            Modified = cover.Date,
        });
        using var body = new TextStyle(fonts.Regular, 10.5f);
        using var bold = new TextStyle(fonts.Bold, 10.5f);
        using var title = new TextStyle(fonts.Bold, 17);
        using var small = new TextStyle(fonts.Regular, 9);
        using var smallBold = new TextStyle(fonts.Bold, 9);
        using var footer = new TextStyle(fonts.Regular, 8);
        var signers = 0;
        int pages;
        using (var flow = new PdfFlow(document, $"{cover.Title}, delivered {cover.Date:yyyy-MM-dd}", footer))
        {
            Letter(flow, cover, culture, title, body, bold);
            flow.NewPage();
            Totals(flow, cover, culture, title, bold, body);
            flow.NewPage();
            flow.Paragraph($"Signers ({cover.Totals.Signers.ToString("N0", culture)})", title, 22, 6);
            Header(flow, smallBold);
            await foreach (var signer in contents.SignersAsync(cover, ct))
            {
                Row(flow, [signer.Name, signer.Place, Countries.NameOf(signer.Country, culture), signer.Comment ?? ""], small, smallBold);
                signers++;
            }
            pages = flow.Pages;
        }
        document.Close();
        return new Written(signers, pages);
    }

    private static void Letter(PdfFlow flow, DeliveryCover cover, CultureInfo culture, TextStyle title, TextStyle body, TextStyle bold)
    {
        flow.Paragraph(cover.Date.ToString("D", culture), body, 14, 14);
        flow.Paragraph($"To: {cover.TargetName}{(cover.TargetTitle is null ? "" : $", {cover.TargetTitle}")}", bold, 14, 14);
        flow.Paragraph(cover.Title, title, 22, 8);
        flow.Paragraph($"{cover.Totals.Signers.ToString("N0", culture)} people have signed this petition. "
            + "Their names, where they are and what they wrote follow this letter.", bold, 14, 12);
        foreach (var paragraph in LetterText.Of(cover.Body))
        {
            if (paragraph.IsHeading)
            {
                flow.Y += 4;
                flow.Need(40); // a heading is not left alone at the foot of a page
            }
            flow.Paragraph(paragraph.Text, paragraph.IsHeading ? bold : body, 14, paragraph.IsHeading ? 2 : 8);
        }
        flow.Y += 10;
        if (cover.LeadName is not null)
        {
            flow.Paragraph($"Delivered by {cover.LeadName}", bold, 14, 6);
        }
        if (cover.PartnerNames.Count > 0)
        {
            flow.Paragraph($"With {string.Join(", ", cover.PartnerNames)}", body, 14);
        }
    }

    private static void Totals(PdfFlow flow, DeliveryCover cover, CultureInfo culture, TextStyle title, TextStyle bold, TextStyle body)
    {
        var totals = cover.Totals;
        flow.Paragraph("Signatures by country", title, 22, 6);
        foreach (var (country, count) in totals.ByCountry)
        {
            Total(flow, Countries.NameOf(country, culture), count, culture, body);
        }
        Total(flow, "Total", totals.Signers, culture, bold);
        if (totals.ByUsState.Count == 0 && totals.UsStateUnknown == 0)
        {
            return;
        }
        flow.Y += 18;
        flow.Need(60);
        flow.Paragraph("Signatures in the United States, by state", title, 22, 6);
        foreach (var (state, count) in totals.ByUsState)
        {
            Total(flow, UsStates.Names.GetValueOrDefault(state, state), count, culture, body);
        }
        if (totals.UsStateUnknown > 0)
        {
            Total(flow, "State not known from the ZIP code", totals.UsStateUnknown, culture, body);
        }
    }

    private static void Total(PdfFlow flow, string label, int count, CultureInfo culture, TextStyle font)
    {
        flow.Need(14);
        flow.Text(label, font, PdfFlow.Left, flow.Y);
        var number = count.ToString("N0", culture);
        flow.Text(number, font, PdfFlow.Left + 320 - PdfFlow.Measure(number, font), flow.Y);
        flow.Y += 14;
    }

    private static void Header(PdfFlow flow, TextStyle font)
    {
        var x = PdfFlow.Left;
        for (var i = 0; i < Columns.Length; i++)
        {
            flow.Text(Columns[i], font, x, flow.Y);
            x += ColumnWidths[i];
        }
        flow.Y += 14;
    }

    private static void Row(PdfFlow flow, string[] cells, TextStyle font, TextStyle headerFont)
    {
        const float lineHeight = 11;
        var shaped = new ShapedText[cells.Length];
        var lines = new List<ShapedText.Line>[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            shaped[i] = ShapedText.Of(cells[i], font);
            lines[i] = shaped[i].Wrap(ColumnWidths[i] - Gap);
        }
        var height = (lines.Max(l => l.Count) * lineHeight) + 3;
        if (flow.Need(height))
        {
            Header(flow, headerFont);
        }
        var x = PdfFlow.Left;
        for (var i = 0; i < cells.Length; i++)
        {
            flow.Lines(shaped[i], lines[i], font, x, flow.Y, ColumnWidths[i] - Gap, lineHeight);
            x += ColumnWidths[i];
        }
        flow.Y += height;
    }
}
