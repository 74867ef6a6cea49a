using Undersigned.Features.Staff;

namespace Undersigned.Features.Partners;

/// <summary>The CSV of an organization's consented signers on one petition, for staff signed in.</summary>
public static class SignerDownloads
{
    public static void MapSignerDownloads(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/partners/{org}/petitions/{slug}/signers.csv", Download).WithName("DownloadPartnerSigners")
            .RequireAuthorization(StaffPolicies.AnyStaff).ExcludeFromDescription();

    private static async Task<IResult> Download(string org, string slug, HttpContext context, ExportAccess access,
        CancellationToken ct)
    {
        var exporter = Exporter.FromStaff(context.User);
        var (decision, scope) = await access.DecideAsync(exporter, org, slug, ct);
        return decision switch
        {
            ExportDecision.Allowed => new SignersCsv(exporter, scope!),
            ExportDecision.NotFound => TypedResults.NotFound(),
            _ => TypedResults.StatusCode(StatusCodes.Status403Forbidden),
        };
    }
}
