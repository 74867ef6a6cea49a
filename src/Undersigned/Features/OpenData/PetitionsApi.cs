using Undersigned.Data;
using Undersigned.Features.Petitions;
using Undersigned.Web;

namespace Undersigned.Features.OpenData;

/// <summary>The public, read-only JSON for petitions: the same reads as the pages, no personal data.</summary>
public static class PetitionsApi
{
    public sealed record OrganizationJson(string Slug, string Name, SponsorRole Role);

    /// <summary>
    /// The signatures by kind: <c>online</c> and <c>paper</c> add up to <c>signatureCount</c>; <c>invalidated</c> (removed
    /// by staff, never counted) and <c>held</c> (awaiting review, not yet counted) are outside it.
    /// </summary>
    public sealed record TotalsJson(int Online, int Paper, int Invalidated, int Held);

    /// <summary>
    /// A public petition. <c>signaturesByCountry</c>, <c>signaturesByUsState</c> (by the ZIP code's first three digits)
    /// and <c>signaturesOverTime</c> (UTC hours or days, by when people signed) count the counted signatures, as
    /// <c>signatureCount</c> does; never anything finer than a state.
    /// </summary>
    public sealed record PetitionJson(string Slug, string Title, PetitionTarget Target, int SignatureCount, TotalsJson Totals, int Goal,
        PetitionStatus Status, IReadOnlyList<OrganizationJson> Organizations, DateTime? DeliveredAt, string? DeliveryNote,
        IReadOnlyList<PlaceCount> SignaturesByCountry, IReadOnlyList<PlaceCount> SignaturesByUsState, IReadOnlyList<TimeCount> SignaturesOverTime);

    /// <summary>The CORS policy of the public reads: any origin, GET only.</summary>
    public const string PublicReads = "public-reads";

    public static RouteGroupBuilder MapPetitionsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/petitions").WithTags("Petitions").RequireCors(PublicReads);
        api.MapGet("/", List).WithName("ListPetitions").Produces<List<PetitionSummary>>()
            .WithSummary("Petitions open to the public, newest first, with their counts.");
        api.MapGet("/{slug}", Get).WithName("GetPetition").Produces<PetitionJson>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One public petition with its organizations, its signatures by kind, by country, by US state and over time (?bucket=hour, the default, or day).");
        return api;
    }

    private static async Task<IResult> List(PetitionReader petitions, HttpContext context, CancellationToken ct) =>
        CacheableJson.Create(context, await petitions.ListAsync(PetitionStatuses.Public, ct));

    private static async Task<IResult> Get(string slug, string? bucket, PetitionReader petitions, UndersignedDb db, HttpContext context,
        CancellationToken ct)
    {
        if (!TryParseBucket(bucket, out var timeBucket))
        {
            return UnknownBucket();
        }
        var p = await petitions.FindPublicAsync(slug, ct);
        if (p is null)
        {
            return NoSuchPetition(slug);
        }
        var breakdowns = await PetitionBreakdowns.ReadAsync(db, p.Id, timeBucket, ct);
        return CacheableJson.Create(context, new PetitionJson(p.Slug, p.Title, p.Target, p.SignatureCount,
            new TotalsJson(p.Totals.Online, p.Totals.Paper, p.Totals.Invalidated, p.Totals.Held), p.Goal, p.Status,
            p.Organizations.Select(o => new OrganizationJson(o.Slug, o.Name, o.Role)).ToList(), p.DeliveredAt, p.DeliveryNote,
            breakdowns.ByCountry, breakdowns.ByUsState, breakdowns.OverTime));
    }

    /// <summary>hour (also when absent) or day, in any case; nothing else.</summary>
    public static bool TryParseBucket(string? bucket, out TimeBucket timeBucket)
    {
        timeBucket = TimeBucket.Hour;
        return bucket is null || (bucket.All(char.IsAsciiLetter) && Enum.TryParse(bucket, ignoreCase: true, out timeBucket));
    }

    public static IResult UnknownBucket() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown bucket", detail: "bucket is hour or day.");

    public static IResult NoSuchPetition(string slug) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such petition",
            detail: $"There is no public petition at '{slug}'.");
}
