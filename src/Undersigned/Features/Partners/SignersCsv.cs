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
        var services = httpContext.RequestServices;
        var signers = services.GetRequiredService<ConsentedSigners>();
        var log = services.GetRequiredService<ExportLog>();
        var ct = httpContext.RequestAborted;
        var response = httpContext.Response;
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
            // Times and ids are formatted into one buffer, not into two strings and a number per row: at a million
            // rows, DateTime.ToString with a custom format was most of the time the CSV itself took.
            var buffer = new char[32];
            await using var reader = await signers.ReadAllAsync(scope, ct);
            while (await reader.ReadAsync(ct))
            {
                // Sequential access: columns are read in the order of the query (ConsentedSigner's parameters).
                var id = reader.GetInt64(0);
                csv.WriteField(reader.GetString(1));
                csv.WriteField(reader.GetString(2));
                csv.WriteField(reader.GetString(3));
                csv.WriteField(reader.IsDBNull(4) ? null : reader.GetString(4));
                csv.WriteField(reader.GetString(5).TrimEnd());
                csv.WriteField(Format(reader.GetDateTime(6), buffer));
                csv.WriteField(reader.IsDBNull(7) ? null : reader.GetString(7));
                csv.WriteField(Format(reader.GetDateTime(8), buffer));
                id.TryFormat(buffer, out var length, default, CultureInfo.InvariantCulture);
                csv.WriteField(buffer.AsSpan(0, length));
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

    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>A stored UTC time as ISO 8601 to the second, e.g. 2026-03-02T15:04:05Z.</summary>
    public static string Timestamp(DateTime utc) => utc.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static ReadOnlySpan<char> Format(DateTime utc, char[] buffer)
    {
        utc.TryFormat(buffer, out var length, TimestampFormat, CultureInfo.InvariantCulture);
        return buffer.AsSpan(0, length);
    }
}
