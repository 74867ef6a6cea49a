using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Undersigned.Data;

namespace Undersigned.Features.Organizations;

/// <summary>
/// An organization's logo at /organizations/{slug}/logo?v={version}. The version changes with every upload, so a
/// versioned address is cached for a year; an unversioned or stale one is revalidated with its ETag.
/// </summary>
public static class LogoEndpoint
{
    public static string PathOf(string slug, DateTime updatedAt) => $"/organizations/{Uri.EscapeDataString(slug)}/logo?v={VersionOf(updatedAt)}";

    public static void MapLogos(this WebApplication app) =>
        app.MapGet("/organizations/{slug}/logo", ServeAsync).WithName("OrganizationLogo").ExcludeFromDescription();

    private static string VersionOf(DateTime updatedAt) =>
        new DateTimeOffset(DateTime.SpecifyKind(updatedAt, DateTimeKind.Utc)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static async Task<Results<FileContentHttpResult, NotFound>> ServeAsync(
        string slug, string? v, UndersignedDb db, HttpContext context, CancellationToken ct)
    {
        var logo = await db.Organizations.AsNoTracking()
            .Where(o => o.Slug == slug && o.LogoUpdatedAt != null)
            .Join(db.OrganizationLogos, o => o.Id, l => l.OrganizationId, (o, l) => new { l.Content, o.LogoUpdatedAt })
            .SingleOrDefaultAsync(ct);
        if (logo is null)
        {
            return TypedResults.NotFound();
        }
        var version = VersionOf(logo.LogoUpdatedAt!.Value);
        context.Response.Headers.CacheControl = v == version ? "public, max-age=31536000, immutable" : "public, no-cache";
        return TypedResults.File(logo.Content, "image/png", entityTag: new EntityTagHeaderValue($"\"{version}\""));
    }
}
