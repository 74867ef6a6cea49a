using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Staff;

namespace Undersigned.Features.Partners;

/// <summary>Who is taking signers out of the platform: a staff member, or an organization's API key.</summary>
public sealed record Exporter(string Name, bool IsAdmin, string? OrganizationSlug, int? StaffUserId, int? ApiKeyId)
{
    public static Exporter FromStaff(ClaimsPrincipal user) => new(
        user.StaffEmail(),
        user.IsAdmin(),
        user.OwnOrganization(),
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
        null);

    public static Exporter FromKey(ApiKeyHolder key) =>
        new($"API key {key.Name} ({key.Prefix})", false, key.OrganizationSlug, null, key.Id);

    /// <summary>Whether this exporter may take signers of <paramref name="org"/> at all (staff's own rule, <see cref="StaffAccess"/>).</summary>
    public bool MayActFor(string org) => StaffAccess.MayActFor(IsAdmin, OrganizationSlug, org);
}

/// <summary>One organization's part in one petition, as an export needs it.</summary>
public sealed record ExportScope(int OrganizationId, string OrganizationSlug, int PetitionId, string PetitionSlug,
    bool Sponsors, bool MayDownloadSigners);

public enum ExportDecision
{
    Allowed,
    NotFound,
    Forbidden,
}

/// <summary>
/// The one rule for the CSV and the API: admins may export any organization's consented signers; an
/// organization's own staff and keys only where it sponsors the petition and the lead lets it download signers.
/// </summary>
public sealed class ExportAccess(UndersignedDb db)
{
    public async Task<ExportScope?> FindAsync(string org, string slug, CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Slug == org)
            .Select(o => new { o.Id, o.Slug }).SingleOrDefaultAsync(ct);
        var petition = await db.Petitions.AsNoTracking().Where(p => p.Slug == slug)
            .Select(p => new { p.Id, p.Slug }).SingleOrDefaultAsync(ct);
        if (organization is null || petition is null)
        {
            return null;
        }
        var sponsorship = await db.Sponsorships.AsNoTracking()
            .Where(s => s.PetitionId == petition.Id && s.OrganizationId == organization.Id)
            .Select(s => new { s.MayDownloadSigners }).SingleOrDefaultAsync(ct);
        return new ExportScope(organization.Id, organization.Slug, petition.Id, petition.Slug,
            sponsorship is not null, sponsorship?.MayDownloadSigners == true);
    }

    /// <summary>Decides, in this order: someone else's organization (403), unknown (404), not allowed here (403).</summary>
    public async Task<(ExportDecision Decision, ExportScope? Scope)> DecideAsync(Exporter exporter, string org, string slug,
        CancellationToken ct)
    {
        if (!exporter.MayActFor(org))
        {
            return (ExportDecision.Forbidden, null);
        }
        var scope = await FindAsync(org, slug, ct);
        if (scope is null)
        {
            return (ExportDecision.NotFound, null);
        }
        return exporter.IsAdmin || scope.MayDownloadSigners ? (ExportDecision.Allowed, scope) : (ExportDecision.Forbidden, scope);
    }
}
