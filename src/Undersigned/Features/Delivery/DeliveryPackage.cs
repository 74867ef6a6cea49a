namespace Undersigned.Features.Delivery;

/// <summary>
/// Writes the package's files for one petition. The PDF goes through a temporary file, because PDFsharp writes
/// its cross-reference table by seeking back; the file deletes itself when closed.
/// </summary>
public sealed class DeliveryPackage(DeliveryContents contents, IConfiguration config)
{
    public Task<DeliveryCover?> CoverAsync(string slug, CancellationToken ct) => contents.CoverAsync(slug, ct);

    public Task<int> WriteCsvAsync(Stream output, DeliveryCover cover, CancellationToken ct) =>
        DeliveryCsv.WriteAsync(output, cover, contents, ct);

    public Task<DeliveryPdf.Written> WritePdfAsync(Stream output, DeliveryCover cover, CancellationToken ct)
    {
        var fonts = DeliveryFonts.In(config["Delivery:FontFolder"]);
        return DeliveryPdf.WriteAsync(output, cover, contents, fonts, ct);
    }

    /// <summary>The PDF in a temporary file, positioned at its start, removed when the stream is disposed.</summary>
    public async Task<FileStream> PdfFileAsync(DeliveryCover cover, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
            64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await WritePdfAsync(file, cover, ct);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public static string FileName(DeliveryCover cover, string extension) =>
        $"{cover.Slug}-delivery-{cover.Date:yyyy-MM-dd}.{extension}";
}
