using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Undersigned.Features.Signing;

namespace Undersigned.Features.Delivery;

/// <summary>
/// The delivery package as a PDF: a cover letter, the totals by country and US state, then every counted signer
/// with their place and comment. Signers are drawn as they are read, page after page; PDFsharp keeps the drawn pages
/// until the file is saved, which for 100,000 signers stays well inside the memory budget (docs/performance.md).
/// </summary>
public static class DeliveryPdf
{
    private static readonly string[] Columns = ["Name", "Place", "Country", "Comment"];
    private static readonly double[] ColumnWidths = [140, 100, 80, PdfFlow.Width - 140 - 100 - 80];
    private const double Gap = 6;

    public sealed record Written(int Signers, int Pages);

    public static XFont Font(double size, bool bold = false) =>
        new(DeliveryFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular,
            new XPdfFontOptions(PdfFontEncoding.Unicode));

    /// <summary>Writes the PDF to <paramref name="output"/>, which must be seekable (a file).</summary>
    public static async Task<Written> WriteAsync(Stream output, DeliveryCover cover, DeliveryContents contents, CancellationToken ct)
    {
        var culture = CultureInfo.GetCultureInfo(cover.Locale);
        using var document = new PdfDocument();
        document.Info.Title = cover.Title;
        document.Info.Creator = "Undersigned";
        document.Options.CompressContentStreams = true;
        var (body, bold, title, small) = (Font(10.5), Font(10.5, bold: true), Font(17, bold: true), Font(9));
        var smallBold = Font(9, bold: true);
        using var flow = new PdfFlow(document, $"{cover.Title}, delivered {cover.Date:yyyy-MM-dd}", Font(8));

        Letter(flow, cover, culture, title, body, bold);
        flow.NewPage();
        Totals(flow, cover, culture, title, bold, body);
        flow.NewPage();
        flow.Paragraph($"Signers ({cover.Totals.Signers.ToString("N0", culture)})", title, 22, 6);
        Header(flow, smallBold);
        var signers = 0;
        await foreach (var signer in contents.SignersAsync(cover, ct))
        {
            Row(flow, [signer.Name, signer.Place, Countries.NameOf(signer.Country, culture), signer.Comment ?? ""], small, smallBold);
            signers++;
        }
        flow.Dispose();
        var pages = flow.Pages;
        await document.SaveAsync(output, closeStream: false);
        return new Written(signers, pages);
    }

    private static void Letter(PdfFlow flow, DeliveryCover cover, CultureInfo culture, XFont title, XFont body, XFont bold)
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

    private static void Totals(PdfFlow flow, DeliveryCover cover, CultureInfo culture, XFont title, XFont bold, XFont body)
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

    private static void Total(PdfFlow flow, string label, int count, CultureInfo culture, XFont font)
    {
        flow.Need(14);
        flow.Text(label, font, PdfFlow.Left, flow.Y);
        var number = count.ToString("N0", culture);
        flow.Text(number, font, PdfFlow.Left + 320 - flow.Measure(number, font), flow.Y);
        flow.Y += 14;
    }

    private static void Header(PdfFlow flow, XFont font)
    {
        var x = PdfFlow.Left;
        for (var i = 0; i < Columns.Length; i++)
        {
            flow.Text(Columns[i], font, x, flow.Y);
            x += ColumnWidths[i];
        }
        flow.Y += 14;
    }

    private static void Row(PdfFlow flow, string[] cells, XFont font, XFont headerFont)
    {
        const double lineHeight = 11;
        var lines = new List<string>[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            lines[i] = flow.Wrap(cells[i], font, ColumnWidths[i] - Gap);
        }
        var height = (lines.Max(l => l.Count) * lineHeight) + 3;
        if (flow.Need(height))
        {
            Header(flow, headerFont);
        }
        var x = PdfFlow.Left;
        for (var i = 0; i < cells.Length; i++)
        {
            for (var l = 0; l < lines[i].Count; l++)
            {
                flow.Text(lines[i][l], font, x, flow.Y + (l * lineHeight));
            }
            x += ColumnWidths[i];
        }
        flow.Y += height;
    }
}
