using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Updates;

/// <summary>A petition as the organizer pages of this feature need it; its lead decides who may run it.</summary>
public sealed record RunPetition(int Id, string Slug, string Title, PetitionStatus Status, int SignatureCount, int Goal,
    int? LeadId, string? LeadSlug);

public static class OrganizerPetitions
{
    /// <summary>The petition with this slug, drafts included, or null.</summary>
    public static Task<RunPetition?> FindAsync(UndersignedDb db, string slug, CancellationToken ct) =>
        db.Petitions.AsNoTracking().Where(p => p.Slug == slug)
            .Select(p => new RunPetition(p.Id, p.Slug, p.Title, p.Status, p.SignatureCount, p.Goal,
                p.Sponsorships.Where(s => s.Role == SponsorRole.Lead).Select(s => (int?)s.OrganizationId).FirstOrDefault(),
                p.Sponsorships.Where(s => s.Role == SponsorRole.Lead).Select(s => s.Organization!.Slug).FirstOrDefault()))
            .SingleOrDefaultAsync(ct);
}
