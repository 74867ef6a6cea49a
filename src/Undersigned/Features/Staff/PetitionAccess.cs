using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>
/// Reading a petition for a staff page that runs it (edit, sponsors, updates, milestones), with its sponsors, so
/// the page can check who may run it by <see cref="StaffAccess.MayRunPetitionLedBy"/>.
/// </summary>
public static class PetitionAccess
{
    /// <summary>The petition at <paramref name="slug"/> with its sponsorships and their organizations, or null.</summary>
    public static Task<Petition?> FindPetitionAsync(this UndersignedDb db, string slug, CancellationToken ct) =>
        db.Petitions
            .Include(p => p.Sponsorships).ThenInclude(s => s.Organization)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Slug == slug, ct);

    /// <summary>
    /// The petition at <paramref name="slug"/> if the page's user may run it; otherwise the answer to give instead:
    /// 404 for no such petition, 403 for a petition led by another organization.
    /// </summary>
    public static async Task<(Petition? Petition, IActionResult? Refusal)> FindToRunAsync(this PageModel page, UndersignedDb db,
        string slug, CancellationToken ct)
    {
        var petition = await db.FindPetitionAsync(slug, ct);
        return petition is null ? (null, page.NotFound())
            : !page.User.MayRunPetitionLedBy(petition.LeadSlug()) ? (null, page.Forbid())
            : (petition, null);
    }

    /// <summary>The slug of the organization that leads the petition, or null if none does.</summary>
    public static string? LeadSlug(this Petition petition) =>
        petition.Sponsorships.FirstOrDefault(s => s.Role == SponsorRole.Lead)?.Organization?.Slug;
}
