using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Partners;

/// <summary>Signatures by status; <see cref="Total"/> leaves out the invalidated, which staff removed from the petition.</summary>
public sealed record StatusCounts(int Counted, int Pending, int Held, int Invalidated = 0)
{
    public int Total => Counted + Pending + Held;
}

public sealed record DayCount(DateOnly Day, int Signatures, int Counted);

/// <summary>Signatures per source: the organization credited (null: no link) and the sub-code after its slug.</summary>
public sealed record SourceCount(string? OrganizationSlug, string? SubCode, int Signatures, int Counted, int Pending);

public sealed record CountryCount(string Country, int Signatures, int Counted);

/// <summary>Signers who opted in to an organization, and how many of them are exportable now (counted).</summary>
public sealed record OptInCount(int OrganizationId, string OrganizationSlug, string OrganizationName, int OptedIn, int Exportable);

/// <summary>The figures of a whole petition (the organizer's dashboard), or of one organization's part in it.</summary>
public sealed record Figures(StatusCounts Totals, IReadOnlyList<SourceCount> BySource, IReadOnlyList<DayCount> ByDay,
    IReadOnlyList<CountryCount> ByCountry, IReadOnlyList<OptInCount> OptIns);

/// <summary>
/// Counts for both dashboards, every one a GROUP BY in the database over the (petition, source organization)
/// index and the opt-ins' (petition, organization, signature) index: no signature is loaded into the app, and
/// nothing here reads a name or an email address.
/// </summary>
public sealed class CoalitionFigures(UndersignedDb db)
{
    /// <summary>The whole petition, or with <paramref name="broughtInBy"/> only the signatures that organization brought in and its own opt-ins.</summary>
    public async Task<Figures> ForPetitionAsync(int petitionId, int? broughtInBy, CancellationToken ct)
    {
        var signatures = db.Signatures.AsNoTracking().Where(s => s.PetitionId == petitionId);
        if (broughtInBy is { } org)
        {
            signatures = signatures.Where(s => s.SourceOrganizationId == org);
        }

        var bySource = await signatures.GroupBy(s => new { s.SourceOrganizationId, s.Source, s.Status })
            .Select(g => new { g.Key.SourceOrganizationId, g.Key.Source, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var slugs = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Slug, ct);
        var sources = bySource
            .GroupBy(r => (Org: r.SourceOrganizationId is { } id ? slugs.GetValueOrDefault(id) : null,
                Sub: r.SourceOrganizationId is null ? null : PartnerLinks.SubCode(r.Source)))
            .Select(g => new SourceCount(g.Key.Org, g.Key.Sub, g.Sum(r => r.Count),
                g.Where(r => r.Status == SignatureStatus.Counted).Sum(r => r.Count),
                g.Where(r => r.Status == SignatureStatus.Pending).Sum(r => r.Count)))
            .OrderByDescending(s => s.Signatures).ThenBy(s => s.OrganizationSlug, StringComparer.Ordinal)
            .ThenBy(s => s.SubCode, StringComparer.Ordinal).ToList();
        int Sum(SignatureStatus status) => bySource.Where(r => r.Status == status).Sum(r => r.Count);
        var totals = new StatusCounts(Sum(SignatureStatus.Counted), Sum(SignatureStatus.Pending), Sum(SignatureStatus.Held),
            Sum(SignatureStatus.Invalidated));

        var byDay = (await signatures.GroupBy(s => s.CreatedAt.Date)
                .Select(g => new { Day = g.Key, Count = g.Count(), Counted = g.Count(s => s.Status == SignatureStatus.Counted) })
                .ToListAsync(ct))
            .Select(d => new DayCount(DateOnly.FromDateTime(d.Day), d.Count, d.Counted)).OrderBy(d => d.Day).ToList();

        var byCountry = (await signatures.GroupBy(s => s.Country)
                .Select(g => new { Country = g.Key, Count = g.Count(), Counted = g.Count(s => s.Status == SignatureStatus.Counted) })
                .ToListAsync(ct))
            .Select(c => new CountryCount(c.Country.Trim(), c.Count, c.Counted))
            .OrderByDescending(c => c.Signatures).ThenBy(c => c.Country, StringComparer.Ordinal).ToList();

        return new Figures(totals, sources, byDay, byCountry, await OptInsAsync(petitionId, broughtInBy, ct));
    }

    /// <summary>Opt-ins per sponsoring organization (or for one), with how many of those signers count.</summary>
    public async Task<List<OptInCount>> OptInsAsync(int petitionId, int? organizationId, CancellationToken ct)
    {
        var optIns = db.PartnerOptIns.AsNoTracking().Where(o => o.PetitionId == petitionId);
        if (organizationId is { } org)
        {
            optIns = optIns.Where(o => o.OrganizationId == org);
        }
        var counts = await (from o in optIns
                            join s in db.Signatures on o.SignatureId equals s.Id
                            group s by o.OrganizationId into g
                            select new { OrganizationId = g.Key, OptedIn = g.Count(), Exportable = g.Count(s => s.Status == SignatureStatus.Counted) })
            .ToDictionaryAsync(c => c.OrganizationId, ct);
        var sponsors = await db.Sponsorships.AsNoTracking()
            .Where(s => s.PetitionId == petitionId && (organizationId == null || s.OrganizationId == organizationId))
            .OrderBy(s => s.Role).ThenBy(s => s.Position)
            .Select(s => new { s.OrganizationId, s.Organization!.Slug, s.Organization.Name }).ToListAsync(ct);
        return sponsors.Select(s => counts.TryGetValue(s.OrganizationId, out var c)
            ? new OptInCount(s.OrganizationId, s.Slug, s.Name, c.OptedIn, c.Exportable)
            : new OptInCount(s.OrganizationId, s.Slug, s.Name, 0, 0)).ToList();
    }
}
