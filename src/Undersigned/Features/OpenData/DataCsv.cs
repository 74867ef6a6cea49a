using System.Globalization;
using CsvHelper;
using Undersigned.Data;
using Undersigned.Features.Petitions;
using Undersigned.Web;

namespace Undersigned.Features.OpenData;

/// <summary>
/// The open data as CSV files, for spreadsheets and newsrooms: <c>/p/{slug}/data/countries.csv</c>, <c>states.csv</c>
/// and <c>over-time.csv</c> (<c>?bucket=hour|day</c>), the same figures as the petition's JSON (docs/api.md).
/// </summary>
public static class DataCsv
{
    private static readonly CsvWriterOptions Options = new() { NewLine = "\r\n" };

    public static void MapDataCsv(this IEndpointRouteBuilder routes)
    {
        var data = routes.MapGroup("/p/{slug}/data").WithTags("Open data").RequireCors(PetitionsApi.PublicReads);
        data.MapGet("/countries.csv", Countries).WithName("CountriesCsv").ExcludeFromDescription();
        data.MapGet("/states.csv", States).WithName("StatesCsv").ExcludeFromDescription();
        data.MapGet("/over-time.csv", OverTime).WithName("OverTimeCsv").ExcludeFromDescription();
    }

    private static Task<IResult> Countries(string slug, PetitionReader petitions, UndersignedDb db, HttpContext context, CancellationToken ct) =>
        WriteAsync(slug, "countries", null, petitions, db, context, (csv, b) => Places(csv, b.ByCountry), ct);

    private static Task<IResult> States(string slug, PetitionReader petitions, UndersignedDb db, HttpContext context, CancellationToken ct) =>
        WriteAsync(slug, "states", null, petitions, db, context, (csv, b) => Places(csv, b.ByUsState), ct);

    private static Task<IResult> OverTime(string slug, string? bucket, PetitionReader petitions, UndersignedDb db, HttpContext context,
        CancellationToken ct) =>
        WriteAsync(slug, "over-time", bucket, petitions, db, context, (csv, b) =>
        {
            csv.WriteField("hour");
            csv.WriteField("count");
            csv.WriteField("cumulative");
            csv.EndRecord();
            foreach (var t in b.OverTime)
            {
                csv.WriteField(t.Hour.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                csv.WriteField(t.Count.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(t.Cumulative.ToString(CultureInfo.InvariantCulture));
                csv.EndRecord();
            }
        }, ct);

    private static void Places(CsvWriter csv, IReadOnlyList<PlaceCount> places)
    {
        csv.WriteField("code");
        csv.WriteField("name");
        csv.WriteField("count");
        csv.EndRecord();
        foreach (var p in places)
        {
            csv.WriteField(p.Code);
            csv.WriteField(p.Name);
            csv.WriteField(p.Count.ToString(CultureInfo.InvariantCulture));
            csv.EndRecord();
        }
    }

    private static async Task<IResult> WriteAsync(string slug, string name, string? bucket, PetitionReader petitions, UndersignedDb db,
        HttpContext context, Action<CsvWriter, PetitionBreakdowns> write, CancellationToken ct)
    {
        if (!PetitionsApi.TryParseBucket(bucket, out var timeBucket))
        {
            return PetitionsApi.UnknownBucket();
        }
        var petition = await petitions.FindPublicAsync(slug, ct);
        if (petition is null)
        {
            return PetitionsApi.NoSuchPetition(slug);
        }
        var breakdowns = await PetitionBreakdowns.ReadAsync(db, petition.Id, timeBucket, ct);
        using var body = new MemoryStream();
        await using (var csv = CsvWriter.Create(body, Options, leaveOpen: true))
        {
            write(csv, breakdowns);
        }
        context.Response.Headers.ContentDisposition = $"inline; filename=\"{petition.Slug}-{name}.csv\"";
        return CacheableJson.Bytes(context, body.ToArray(), "text/csv; charset=utf-8");
    }
}
