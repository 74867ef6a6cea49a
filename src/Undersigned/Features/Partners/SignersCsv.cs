using System.Globalization;
using CsvHelper;
using Undersigned.Data;

namespace Undersigned.Features.Partners;

/// <summary>
/// The consented signers as a CSV download, written row by row to the response as the database returns them, so
/// a million rows never sit in memory. Cells a spreadsheet would run as a formula are prefixed with a quote. The
/// export is recorded once the stream ends, also when the client went away, with the rows written until then.
/// </summary>
public sealed class SignersCsv(Exporter exporter, ExportScope scope) : IResult
{
    public static readonly string[] Columns =
        ["first_name", "last_name", "email", "postal_code", "country", "signed_at", "source", "opted_in_at", "signature_id"];

    /// <summary>RFC 4180 with CRLF, UTF-8 without a byte order mark; the formula characters OWASP lists get a leading quote.</summary>
    private static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape,
        InjectionCharacters = "=+-@\t\r",
        InjectionEscape = '\'',
        NewLine = "\r\n",
    };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var context = httpContext;
        var services = context.RequestServices;
        var signers = services.GetRequiredService<ConsentedSigners>();
        var log = services.GetRequiredService<ExportLog>();
        var ct = context.RequestAborted;
        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentDisposition = $"attachment; filename=\"{scope.OrganizationSlug}-{scope.PetitionSlug}-signers.csv\"";

        var rows = 0;
        try
        {
            await using var csv = CsvWriter.Create(response.Body, Options, leaveOpen: true);
            foreach (var column in Columns)
            {
                csv.WriteField(column);
            }
            await csv.EndRecordAsync(ct);
            await foreach (var s in signers.All(scope).WithCancellation(ct))
            {
                csv.WriteField(s.FirstName);
                csv.WriteField(s.LastName);
                csv.WriteField(s.Email);
                csv.WriteField(s.PostalCode);
                csv.WriteField(s.Country);
                csv.WriteField(Timestamp(s.SignedAt));
                csv.WriteField(s.Source);
                csv.WriteField(Timestamp(s.OptedInAt));
                csv.WriteField(s.Id.ToString(CultureInfo.InvariantCulture));
                await csv.EndRecordAsync(ct);
                rows++;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away; the rows written so far are what left, and they are recorded below.
        }
        finally
        {
            await log.RecordAsync(exporter, scope, ExportChannel.Csv, rows);
        }
    }

    public static string Timestamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
