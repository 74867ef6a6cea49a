using System.Security.Claims;
using Undersigned.Features.Staff;

namespace Undersigned.Features.Delivery;

/// <summary>
/// The package's files: for the organizers of the lead organization (and admins), and for the target through the
/// signed link in their email. Both hold personal data, so no HTTP cache may keep them (<c>no-store</c>); the app
/// serves each version of the contents from the file it built once (<see cref="PackageCache"/>).
/// </summary>
public static class DeliveryDownloads
{
    public static void MapDeliveryDownloads(this IEndpointRouteBuilder routes)
    {
        var staff = routes.MapGroup("/admin/petitions/{slug}/delivery").RequireAuthorization(StaffPolicies.Organizers)
            .ExcludeFromDescription();
        staff.MapGet("/package.pdf", StaffPdf).WithName("DeliveryPdf");
        staff.MapGet("/signers.csv", StaffCsv).WithName("DeliveryCsv");

        var target = routes.MapGroup("/delivery/{token}").ExcludeFromDescription();
        target.MapGet("/package.pdf", TargetPdf).WithName("TargetDeliveryPdf");
        target.MapGet("/signers.csv", TargetCsv).WithName("TargetDeliveryCsv");
    }

    private static async Task<IResult> StaffPdf(string slug, ClaimsPrincipal user, DeliveryContents contents,
        DeliveryPackage package, HttpContext context, CancellationToken ct) =>
        await StaffRefusalAsync(slug, user, contents, ct) ?? await PdfAsync(slug, package, context, ct);

    private static async Task<IResult> StaffCsv(string slug, ClaimsPrincipal user, DeliveryContents contents,
        DeliveryPackage package, HttpContext context, CancellationToken ct) =>
        await StaffRefusalAsync(slug, user, contents, ct) ?? await CsvAsync(slug, package, context, ct);

    private static async Task<IResult> TargetPdf(string token, TargetLinks links, DeliveryContents contents,
        DeliveryPackage package, HttpContext context, CancellationToken ct) =>
        await TargetSlugAsync(token, links, contents, ct) switch
        {
            (null, var refusal) => refusal!,
            (var slug, _) => await PdfAsync(slug, package, context, ct),
        };

    private static async Task<IResult> TargetCsv(string token, TargetLinks links, DeliveryContents contents,
        DeliveryPackage package, HttpContext context, CancellationToken ct) =>
        await TargetSlugAsync(token, links, contents, ct) switch
        {
            (null, var refusal) => refusal!,
            (var slug, _) => await CsvAsync(slug, package, context, ct),
        };

    /// <summary>Null when this staff member may deliver the petition; else 404 (no such petition) or 403.</summary>
    private static async Task<IResult?> StaffRefusalAsync(string slug, ClaimsPrincipal user, DeliveryContents contents,
        CancellationToken ct) =>
        await contents.SubjectAsync(slug, ct) switch
        {
            null => TypedResults.NotFound(),
            var subject when !user.MayRunPetitionLedBy(subject.LeadSlug) => TypedResults.Forbid(),
            _ => null,
        };

    /// <summary>The slug a target link opens, or the refusal: 404 for a link not made here, 410 for an expired one.</summary>
    private static async Task<(string? Slug, IResult? Refusal)> TargetSlugAsync(string token, TargetLinks links,
        DeliveryContents contents, CancellationToken ct)
    {
        var (verdict, petitionId) = links.Read(token);
        if (verdict == TargetLinks.Verdict.Expired)
        {
            return (null, TypedResults.StatusCode(StatusCodes.Status410Gone));
        }
        var slug = verdict == TargetLinks.Verdict.Valid ? await contents.SlugOfAsync(petitionId, ct) : null;
        return slug is null ? (null, TypedResults.NotFound()) : (slug, null);
    }

    private static async Task<IResult> PdfAsync(string slug, DeliveryPackage package, HttpContext context, CancellationToken ct)
    {
        if (await package.CoverAsync(slug, ct) is not { } cover)
        {
            return TypedResults.NotFound();
        }
        context.Response.Headers.CacheControl = "no-store";
        var file = await package.PdfFileAsync(cover, ct);
        return TypedResults.File(file, "application/pdf", DeliveryPackage.FileName(cover, "pdf"));
    }

    private static async Task<IResult> CsvAsync(string slug, DeliveryPackage package, HttpContext context, CancellationToken ct)
    {
        if (await package.CoverAsync(slug, ct) is not { } cover)
        {
            return TypedResults.NotFound();
        }
        context.Response.Headers.CacheControl = "no-store";
        var file = await package.CsvFileAsync(cover, ct);
        return TypedResults.File(file, "text/csv; charset=utf-8", DeliveryPackage.FileName(cover, "csv"));
    }
}
