using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Admin;

/// <summary>An organization as a choice in a form.</summary>
public sealed record OrganizationChoice(string Slug, string Name);

/// <summary>Reading a petition for the admin pages, with its sponsors, so the page can check who may run it.</summary>
public static class AdminPetitions
{
    public static Task<Petition?> FindAsync(this UndersignedDb db, string slug, CancellationToken ct) =>
        db.Petitions
            .Include(p => p.Sponsorships).ThenInclude(s => s.Organization)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Slug == slug, ct);

    /// <summary>The slug of the organization that leads the petition, or null if none does.</summary>
    public static string? LeadSlug(this Petition petition) =>
        petition.Sponsorships.FirstOrDefault(s => s.Role == SponsorRole.Lead)?.Organization?.Slug;

    /// <summary>Where a staff member edits the petition.</summary>
    public static string EditPath(string slug) => $"/admin/petitions/{Uri.EscapeDataString(slug)}/edit";
}
