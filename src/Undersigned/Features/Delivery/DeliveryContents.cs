using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Petitions;

namespace Undersigned.Features.Delivery;

/// <summary>What the cover letter says: the petition, its target, who runs it, and how many signed.</summary>
public sealed record DeliveryCover(
    int PetitionId,
    string Slug,
    string Title,
    string TargetName,
    string? TargetTitle,
    string Body,
    string Locale,
    string? LeadSlug,
    string? LeadName,
    IReadOnlyList<string> PartnerNames,
    DateTime Date,
    long LastSignatureId,
    DeliveryTotals Totals,
    string Version);

/// <summary>A petition as the delivery page and the access checks see it.</summary>
public sealed record DeliverySubject(int Id, string Slug, string Title, PetitionStatus Status, string TargetName,
    string? TargetEmail, DateTime? DeliveredAt, string? DeliveryNote, int SignatureCount, string? LeadSlug);

/// <summary>Counted signatures by country (ISO code) and, for the US, by state; the unknown are counted apart.</summary>
public sealed record DeliveryTotals(int Signers, IReadOnlyList<(string Country, int Count)> ByCountry,
    IReadOnlyList<(string State, int Count)> ByUsState, int UsStateUnknown);

/// <summary>One counted signer as delivered: name, coarse place, country and comment. Never an email address.</summary>
public sealed record DeliveredSigner(long Id, string FirstName, string LastName, string? PostalCode, string Country, string? Comment)
{
    public string Name => $"{FirstName} {LastName}";

    /// <summary>The public postal area (606xx), with the state for the US: never the full postal code.</summary>
    public string Place
    {
        get
        {
            var area = PostalAreas.Of(PostalCode, Country);
            var state = Country == "US" ? UsStates.OfZip(PostalCode) : null;
            return string.Join(", ", new[] { area, state }.OfType<string>());
        }
    }
}

/// <summary>
/// Reads a petition's delivery package from the database. Only counted signatures are in it (never pending, held
/// or withdrawn ones), and only up to the last id seen when the cover was read, so the letter's count, the totals
/// and the list agree even while people keep signing. Signers are read in keyset pages, never all at once.
/// </summary>
public sealed class DeliveryContents(UndersignedDb db, TimeProvider clock)
{
    public const int PageSize = 5_000;

    /// <summary>The petition with this slug and the slug of its lead organization (who may deliver it), or null.</summary>
    public Task<DeliverySubject?> SubjectAsync(string slug, CancellationToken ct) =>
        db.Petitions.AsNoTracking().Where(p => p.Slug == slug)
            .Select(p => new DeliverySubject(p.Id, p.Slug, p.Title, p.Status, p.TargetName, p.TargetEmail, p.DeliveredAt,
                p.DeliveryNote, p.SignatureCount,
                p.Sponsorships.Where(s => s.Role == SponsorRole.Lead).Select(s => s.Organization!.Slug).FirstOrDefault()))
            .SingleOrDefaultAsync(ct);

    public Task<string?> SlugOfAsync(int petitionId, CancellationToken ct) =>
        db.Petitions.Where(p => p.Id == petitionId).Select(p => p.Slug).SingleOrDefaultAsync(ct);

    public async Task<DeliveryCover?> CoverAsync(string slug, CancellationToken ct)
    {
        var petition = await db.Petitions.AsNoTracking()
            .Include(p => p.Sponsorships).ThenInclude(s => s.Organization)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Slug == slug, ct);
        if (petition is null)
        {
            return null;
        }
        var counted = Counted(petition.Id);
        var last = await counted.MaxAsync(s => (long?)s.Id, ct) ?? 0;
        var upTo = counted.Where(s => s.Id <= last);
        var byCountry = (await upTo.GroupBy(s => s.Country).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Select(g => (g.Key, g.Count)).OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var byZip3 = await upTo.Where(s => s.Country == "US" && s.PostalCode != null)
            .GroupBy(s => s.PostalCode!.Substring(0, 3)).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byState = byZip3.Select(z => (State: UsStates.OfZip(z.Key), z.Count)).Where(z => z.State is not null)
            .GroupBy(z => z.State!).Select(g => (g.Key, g.Sum(z => z.Count)))
            .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var us = byCountry.Where(c => c.Key == "US").Sum(c => c.Count);
        var sponsors = petition.Sponsorships.OrderBy(s => s.Position).ToList();
        var idSum = await upTo.SumAsync(s => s.Id, ct);
        var cover = new DeliveryCover(petition.Id, petition.Slug, petition.Title, petition.TargetName, petition.TargetTitle,
            petition.Body, petition.Locale,
            sponsors.FirstOrDefault(s => s.Role == SponsorRole.Lead)?.Organization?.Slug,
            sponsors.FirstOrDefault(s => s.Role == SponsorRole.Lead)?.Organization?.Name,
            sponsors.Where(s => s.Role == SponsorRole.Partner).Select(s => s.Organization!.Name).ToList(),
            clock.GetUtcNow().UtcDateTime, last,
            new DeliveryTotals(byCountry.Sum(c => c.Count), byCountry, byState, us - byState.Sum(s => s.Item2)), "");
        return cover with { Version = VersionOf(cover, idSum, petition.AnonymizedAt) };
    }

    /// <summary>
    /// What the package is made of, as a short hash: the letter's text and names, the day, and which signatures are in
    /// it (their count, highest id and sum of ids, so a withdrawal and a new signature never cancel out), and when
    /// the petition was anonymized (which rewrites names but not ids). A package built for one version is the same
    /// file for every download of it.
    /// </summary>
    private static string VersionOf(DeliveryCover cover, long idSum, DateTime? anonymizedAt)
    {
        var parts = string.Join('\u001f', cover.Title, cover.TargetName, cover.TargetTitle, cover.Body, cover.Locale,
            cover.LeadName, string.Join('\u001e', cover.PartnerNames), cover.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            cover.Totals.Signers, cover.LastSignatureId, idSum, anonymizedAt?.Ticks);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(parts)))[..16];
    }

    /// <summary>The counted signers of the cover's petition, oldest first, <see cref="PageSize"/> rows per query.</summary>
    public async IAsyncEnumerable<DeliveredSigner> SignersAsync(DeliveryCover cover, [EnumeratorCancellation] CancellationToken ct)
    {
        var after = 0L;
        while (true)
        {
            var page = await Counted(cover.PetitionId)
                .Where(s => s.Id > after && s.Id <= cover.LastSignatureId)
                .OrderBy(s => s.Id)
                .Take(PageSize)
                .Select(s => new DeliveredSigner(s.Id, s.FirstName, s.LastName, s.PostalCode, s.Country, s.Comment))
                .ToListAsync(ct);
            foreach (var signer in page)
            {
                yield return signer;
            }
            if (page.Count < PageSize)
            {
                yield break;
            }
            after = page[^1].Id;
        }
    }

    private IQueryable<Signature> Counted(int petitionId) => db.Signatures.AsNoTracking()
        .Where(s => s.PetitionId == petitionId && s.Status == SignatureStatus.Counted);
}
