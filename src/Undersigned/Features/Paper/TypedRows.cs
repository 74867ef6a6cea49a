using CsvHelper;

namespace Undersigned.Features.Paper;

/// <summary>One row of the "type the rows" form: the same fields as a sheet's columns.</summary>
public sealed class TypedRow
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; }
    public string? Email { get; set; }
    public bool MayEmail { get; set; }

    /// <summary>Slugs of the sponsors this signer's sheet says to share with.</summary>
    public List<string> ShareWith { get; set; } = [];

    public bool IsBlank => string.IsNullOrWhiteSpace(FirstName) && string.IsNullOrWhiteSpace(LastName)
                           && string.IsNullOrWhiteSpace(PostalCode) && string.IsNullOrWhiteSpace(Email);
}

/// <summary>
/// Typed rows become a sheet like an uploaded one, so both go through the same preview, checks and import.
/// </summary>
public static class TypedRows
{
    public const int Shown = 10;

    public static async Task<byte[]> ToSheetAsync(IEnumerable<TypedRow> rows, IReadOnlyList<string> sponsorSlugs)
    {
        using var bytes = new MemoryStream();
        await using (var csv = CsvWriter.Create(bytes, new CsvWriterOptions { NewLine = "\r\n" }, leaveOpen: true))
        {
            foreach (var column in new[] { PaperSheet.FirstName, PaperSheet.LastName, PaperSheet.PostalCode, PaperSheet.Country,
                         PaperSheet.Email, PaperSheet.MayEmail }.Concat(sponsorSlugs.Select(s => PaperSheet.SharePrefix + s)))
            {
                csv.WriteField(column);
            }
            await csv.EndRecordAsync();
            foreach (var row in rows.Where(r => !r.IsBlank))
            {
                foreach (var value in new[] { row.FirstName, row.LastName, row.PostalCode, row.Country, row.Email, row.MayEmail ? "yes" : "no" })
                {
                    csv.WriteField(value ?? "");
                }
                foreach (var slug in sponsorSlugs)
                {
                    csv.WriteField(row.ShareWith.Contains(slug) ? "yes" : "no");
                }
                await csv.EndRecordAsync();
            }
        }
        return bytes.ToArray();
    }
}
