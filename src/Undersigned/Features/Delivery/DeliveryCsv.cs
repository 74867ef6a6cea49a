using CsvHelper;

namespace Undersigned.Features.Delivery;

/// <summary>
/// The signers of the delivery package as CSV (RFC 4180, UTF-8 with a byte order mark so that spreadsheets read
/// accented names), written row by row as they are read. A field that a spreadsheet would run as a formula
/// (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe, so it shows as text.
/// </summary>
public static class DeliveryCsv
{
    private static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    public static async Task<int> WriteAsync(Stream output, DeliveryCover cover, DeliveryContents contents, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        await csv.WriteRecordAsync(["first_name", "last_name", "place", "country", "comment"], ct);
        var rows = 0;
        await foreach (var signer in contents.SignersAsync(cover, ct))
        {
            await csv.WriteRecordAsync([signer.FirstName, signer.LastName, signer.Place, signer.Country, signer.Comment ?? ""], ct);
            rows++;
        }
        await csv.FlushAsync(ct);
        return rows;
    }
}
