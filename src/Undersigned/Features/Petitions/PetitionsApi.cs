using Undersigned.Data;
using Undersigned.Web;

namespace Undersigned.Features.Petitions;

/// <summary>The public, read-only JSON for petitions: the same reads as the pages, no personal data.</summary>
public static class PetitionsApi
{
    public sealed record OrganizationJson(string Slug, string Name, SponsorRole Role);

    /// <summary>
    /// The signatures by kind: <c>online</c> and <c>paper</c> add up to <c>signatureCount</c>; <c>invalidated</c> (removed
    /// by staff, never counted) and <c>held</c> (awaiting review, not yet counted) are outside it.
    /// </summary>
    public sealed record TotalsJson(int Online, int Paper, int Invalidated, int Held);

    public sealed record PetitionJson(string Slug, string Title, PetitionTarget Target, int SignatureCount, TotalsJson Totals, int Goal,
        PetitionStatus Status, IReadOnlyList<OrganizationJson> Organizations, DateTime? DeliveredAt, string? DeliveryNote);

    public static RouteGroupBuilder MapPetitionsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/petitions").WithTags("Petitions");
        api.MapGet("/", List).WithName("ListPetitions").Produces<List<PetitionSummary>>()
            .WithSummary("Petitions open to the public, newest first, with their counts.");
        api.MapGet("/{slug}", Get).WithName("GetPetition").Produces<PetitionJson>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One public petition with its organizations and its signatures by kind.");
        return api;
    }

    private static async Task<IResult> List(PetitionReader petitions, HttpContext context, CancellationToken ct) =>
        CacheableJson.Create(context, await petitions.ListAsync(PetitionStatuses.Public, ct));

    private static async Task<IResult> Get(string slug, PetitionReader petitions, HttpContext context, CancellationToken ct)
    {
        var p = await petitions.FindPublicAsync(slug, ct);
        if (p is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such petition",
                detail: $"There is no public petition at '{slug}'.");
        }
        return CacheableJson.Create(context, new PetitionJson(p.Slug, p.Title, p.Target, p.SignatureCount,
            new TotalsJson(p.Totals.Online, p.Totals.Paper, p.Totals.Invalidated, p.Totals.Held), p.Goal, p.Status,
            p.Organizations.Select(o => new OrganizationJson(o.Slug, o.Name, o.Role)).ToList(), p.DeliveredAt, p.DeliveryNote));
    }
}
