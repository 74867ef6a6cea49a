using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Undersigned.Data;
using Undersigned.Email;
using Undersigned.Features.Staff;

namespace Undersigned.Features.Partners;

/// <summary>
/// The partner API: an organization's CRM takes the signers who opted in to it, page by page, with an API key.
/// The same rule as the CSV decides (<see cref="ExportAccess"/>), every page is recorded in the export log, and the
/// total counted on the first page travels, sealed, in the cursor (<see cref="PageCursor"/>).
/// </summary>
public static class PartnerApi
{
    public const int DefaultPerPage = 100;
    public const int MaxPerPage = 500;
    public const string HalJson = "application/hal+json";

    public static void MapPartnerApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1/partners").WithTags("Partner API");
        api.MapGet("/{org}/petitions/{slug}/signatures", ListSignatures).WithName("ListPartnerSignatures")
            .WithSummary("The signers who opted in to this organization on this petition, OSDI-shaped, in pages.")
            .WithDescription("Counted signatures only (confirmed, not held), whose consent to the organization stands. "
                + "Authenticate with `Authorization: Bearer <key>` or `OSDI-API-Token: <key>`. Follow `_links.next` "
                + $"until it is absent; its cursor is good for {PageCursor.Lifetime.TotalHours:0} hours, for this organization and "
                + $"petition only. `total_records` is counted on the first page and kept by the cursor. `per_page` is 1 to {MaxPerPage} (default {DefaultPerPage}).")
            .Produces<OsdiSignaturePage>(StatusCodes.Status200OK, HalJson)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithMetadata(new PartnerKeySecured());
    }

    private static async Task<Results<JsonHttpResult<OsdiSignaturePage>, ProblemHttpResult>> ListSignatures(
        string org, string slug, string? cursor, [FromQuery(Name = "per_page")] string? perPage, HttpContext context,
        ApiKeys keys, ExportAccess access, ConsentedSigners signers, ExportLog log, PageCursor cursors, PublicUrls urls,
        CancellationToken ct)
    {
        var exporter = await AuthenticateAsync(context, keys, ct);
        if (exporter is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(StatusCodes.Status401Unauthorized, "Not authenticated",
                "Send a valid, unrevoked API key as 'Authorization: Bearer <key>' or 'OSDI-API-Token: <key>'.");
        }
        var (decision, scope) = await access.DecideAsync(exporter, org, slug, ct);
        if (decision == ExportDecision.NotFound)
        {
            return Problem(StatusCodes.Status404NotFound, "No such organization or petition", $"Nothing at '{org}' / '{slug}'.");
        }
        if (decision == ExportDecision.Forbidden)
        {
            return Problem(StatusCodes.Status403Forbidden, "Not allowed",
                "This key or account may not take this organization's signers on this petition.");
        }
        var size = ParsePerPage(perPage);
        var (verdict, position) = cursors.Read(scope!, cursor);
        if (size is null || verdict is PageCursor.Verdict.Unknown or PageCursor.Verdict.Expired)
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad paging",
                size is null ? $"per_page must be a whole number from 1 to {MaxPerPage}."
                : verdict == PageCursor.Verdict.Expired ? "The cursor has expired; start again from the first page, without one."
                : "The cursor is not one this API gave out for this organization and petition.");
        }
        var rows = await signers.PageAsync(scope!, position.AfterId, size.Value + 1, ct);
        var page = rows.Take(size.Value).ToList();
        var total = position.Total ?? await signers.CountAsync(scope!, ct);
        await log.RecordAsync(exporter, scope!, ExportChannel.Api, page.Count);

        var path = $"{urls.Base}/api/v1/partners/{Uri.EscapeDataString(org)}/petitions/{Uri.EscapeDataString(slug)}/signatures";
        var self = Href(path, cursor, size.Value);
        var next = rows.Count > size.Value ? new OsdiLink(Href(path, cursors.Create(scope!, page[^1].Id, total), size.Value)) : null;
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new OsdiSignaturePage(total, size.Value, new OsdiLinks(new OsdiLink(self), next),
            new OsdiEmbedded(page.Select(OsdiSignature.From).ToList())), contentType: HalJson);
    }

    /// <summary>A key when one is presented (it must then be valid), otherwise a signed-in staff member.</summary>
    private static async Task<Exporter?> AuthenticateAsync(HttpContext context, ApiKeys keys, CancellationToken ct)
    {
        var headers = context.Request.Headers;
        string? presented = headers["OSDI-API-Token"].FirstOrDefault();
        var authorization = headers.Authorization.FirstOrDefault();
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }
        if (presented is not null || authorization is not null)
        {
            return presented is not null && await keys.CheckAsync(presented, ct) is { } holder ? Exporter.FromKey(holder) : null;
        }
        return context.User.IsInRole(StaffRoles.Admin) || context.User.IsInRole(StaffRoles.Organizer)
            || context.User.IsInRole(StaffRoles.Partner) ? Exporter.FromStaff(context.User) : null;
    }

    private static int? ParsePerPage(string? value) =>
        value is null ? DefaultPerPage
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxPerPage ? n
        : null;

    private static string Href(string url, string? cursor, int perPage) =>
        url + (cursor is null ? $"?per_page={perPage}" : $"?cursor={Uri.EscapeDataString(cursor)}&per_page={perPage}");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}

/// <summary>Marks the endpoints that take a partner API key, for the OpenAPI document.</summary>
public sealed class PartnerKeySecured;
