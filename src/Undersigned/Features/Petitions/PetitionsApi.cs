using Microsoft.AspNetCore.Http.HttpResults;
using Undersigned.Data;

namespace Undersigned.Features.Petitions;

/// <summary>The public, read-only JSON for petitions: the same reads as the pages, no personal data.</summary>
public static class PetitionsApi
{
    public sealed record OrganizationJson(string Slug, string Name, SponsorRole Role);

    public sealed record PetitionJson(string Slug, string Title, PetitionTarget Target, int SignatureCount, int Goal,
        PetitionStatus Status, IReadOnlyList<OrganizationJson> Organizations);

    public static RouteGroupBuilder MapPetitionsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/petitions").WithTags("Petitions");
        api.MapGet("/", List).WithName("ListPetitions").WithSummary("Petitions open to the public, newest first, with their counts.");
        api.MapGet("/{slug}", Get).WithName("GetPetition").WithSummary("One public petition with its organizations.");
        return api;
    }

    private static async Task<Ok<List<PetitionSummary>>> List(PetitionReader petitions, CancellationToken ct) =>
        TypedResults.Ok(await petitions.ListAsync(PetitionStatuses.Public, ct));

    private static async Task<Results<Ok<PetitionJson>, ProblemHttpResult>> Get(string slug, PetitionReader petitions,
        CancellationToken ct)
    {
        var p = await petitions.FindPublicAsync(slug, ct);
        if (p is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such petition",
                detail: $"There is no public petition at '{slug}'.");
        }
        return TypedResults.Ok(new PetitionJson(p.Slug, p.Title, p.Target, p.SignatureCount, p.Goal, p.Status,
            p.Organizations.Select(o => new OrganizationJson(o.Slug, o.Name, o.Role)).ToList()));
    }
}
