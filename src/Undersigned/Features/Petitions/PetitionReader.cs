using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Petitions;

public sealed record PetitionTarget(string Name, string? Title);

/// <summary>An organization behind a petition; <paramref name="LogoUpdatedAt"/> versions its logo (null: none).</summary>
public sealed record OrganizationRef(int Id, string Slug, string Name, string? Website, SponsorRole Role, DateTime? LogoUpdatedAt = null);

public sealed record PetitionSummary(string Slug, string Title, PetitionTarget Target, int SignatureCount, int Goal, PetitionStatus Status);

public sealed record PetitionDetails(
    int Id,
    string Slug,
    string Title,
    PetitionTarget Target,
    string Summary,
    string Body,
    int Goal,
    int SignatureCount,
    PetitionStatus Status,
    CountingPolicy CountingPolicy,
    DateTime? EndsAt,
    IReadOnlyList<OrganizationRef> Organizations,
    PetitionTotals Totals,
    PartnerOptInOffer PartnerOptIns = PartnerOptInOffer.ReferringOrganization,
    DateTime? DeliveredAt = null,
    string? DeliveryNote = null);

/// <summary>
/// A petition's signatures by kind, from the maintained columns on its row (never counted): counted online, counted from
/// paper sheets (together <see cref="PetitionDetails.SignatureCount"/>), invalidated by staff, and held for review.
/// </summary>
public sealed record PetitionTotals(int Online, int Paper, int Invalidated, int Held)
{
    public static PetitionTotals Of(Petition p) => new(p.SignatureCount - p.PaperCount, p.PaperCount, p.InvalidatedCount, p.HeldCount);
}

/// <summary>A signer who chose to be shown: first name, last initial and where they are, nothing more.</summary>
public sealed record PublicSigner(string FirstName, string LastInitial, string? PostalArea, string Country);

/// <summary>The reads that public pages and the public API share. Counts come from the petition row, never COUNT(*).</summary>
public sealed class PetitionReader(UndersignedDb db)
{
    public Task<List<PetitionSummary>> ListAsync(IReadOnlyCollection<PetitionStatus> statuses, CancellationToken ct) =>
        db.Petitions.AsNoTracking()
            .Where(p => statuses.Contains(p.Status))
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new PetitionSummary(p.Slug, p.Title, new PetitionTarget(p.TargetName, p.TargetTitle),
                p.SignatureCount, p.Goal, p.Status))
            .ToListAsync(ct);

    /// <summary>A petition the public may see, or null for unknown slugs and drafts alike.</summary>
    public async Task<PetitionDetails?> FindPublicAsync(string slug, CancellationToken ct)
    {
        var petition = await db.Petitions.AsNoTracking()
            .Include(p => p.Sponsorships).ThenInclude(s => s.Organization)
            .Where(p => p.Slug == slug && p.Status != PetitionStatus.Draft)
            .AsSplitQuery()
            .SingleOrDefaultAsync(ct);
        if (petition is null)
        {
            return null;
        }
        var organizations = petition.Sponsorships
            .OrderBy(s => s.Role).ThenBy(s => s.Position)
            .Select(s => new OrganizationRef(s.Organization!.Id, s.Organization.Slug, s.Organization.Name, s.Organization.Website, s.Role,
                s.Organization.LogoUpdatedAt))
            .ToList();
        return new PetitionDetails(petition.Id, petition.Slug, petition.Title,
            new PetitionTarget(petition.TargetName, petition.TargetTitle), petition.Summary, petition.Body,
            petition.Goal, petition.SignatureCount, petition.Status, petition.CountingPolicy, petition.EndsAt, organizations,
            PetitionTotals.Of(petition), petition.PartnerOptIns, petition.DeliveredAt, petition.DeliveryNote);
    }

    public async Task<List<PublicSigner>> RecentPublicSignersAsync(int petitionId, int count, CancellationToken ct)
    {
        var rows = await db.Signatures.AsNoTracking()
            .Where(s => s.PetitionId == petitionId && s.ShowNamePublicly && s.Status == SignatureStatus.Counted)
            .OrderByDescending(s => s.Id)
            .Take(count)
            .Select(s => new { s.FirstName, s.LastName, s.PostalCode, s.Country })
            .ToListAsync(ct);
        return rows.Select(r => new PublicSigner(r.FirstName, r.LastName[..1],
            PostalAreas.Of(r.PostalCode, r.Country), r.Country)).ToList();
    }
}
