namespace Undersigned.Features.Delivery;

/// <summary>
/// Writes the package's files for one petition: straight to a stream (the <c>deliver</c> command), or for a
/// download through the <see cref="PackageCache"/>, which builds each version of the contents once.
/// </summary>
public sealed class DeliveryPackage(DeliveryContents contents, PackageCache cache, IConfiguration config)
{
    public Task<DeliveryCover?> CoverAsync(string slug, CancellationToken ct) => contents.CoverAsync(slug, ct);

    public Task<int> WriteCsvAsync(Stream output, DeliveryCover cover, CancellationToken ct) =>
        DeliveryCsv.WriteAsync(output, cover, contents, ct);

    public Task<DeliveryPdf.Written> WritePdfAsync(Stream output, DeliveryCover cover, CancellationToken ct)
    {
        var fonts = DeliveryFonts.In(config["Delivery:FontFolder"]);
        return DeliveryPdf.WriteAsync(output, cover, contents, fonts, ct);
    }

    /// <summary>The PDF of this version of the contents, open at its start; the caller disposes it.</summary>
    public Task<FileStream> PdfFileAsync(DeliveryCover cover, CancellationToken ct) =>
        cache.OpenAsync(cover, "pdf", (file, token) => WritePdfAsync(file, cover, token), ct);

    /// <summary>The CSV of this version of the contents, open at its start; the caller disposes it.</summary>
    public Task<FileStream> CsvFileAsync(DeliveryCover cover, CancellationToken ct) =>
        cache.OpenAsync(cover, "csv", (file, token) => WriteCsvAsync(file, cover, token), ct);

    public static string FileName(DeliveryCover cover, string extension) =>
        $"{cover.Slug}-delivery-{cover.Date:yyyy-MM-dd}.{extension}";
}
