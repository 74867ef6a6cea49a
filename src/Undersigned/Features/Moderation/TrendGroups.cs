using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Moderation;

/// <summary>One group of a petition's recent signatures: one email domain, burst or source, and how many it holds.</summary>
public sealed record TrendGroup(int PetitionId, TrendKind Kind, string Key, int Count);

/// <summary>
/// Counts each open petition's recent signatures by email domain, burst and source, and keeps the groups over their
/// thresholds. Each count is one GROUP BY over the signatures of the hour up to <c>now</c>, which the index on
/// (status, created_at) finds without reading older rows. Paper signatures, typed in by staff who vouch for them,
/// are not a trend.
/// </summary>
public static class TrendGroups
{
    private static readonly SignatureStatus[] Watched = [SignatureStatus.Pending, SignatureStatus.Counted, SignatureStatus.Held];

    public static async Task<List<TrendGroup>> OverThresholdAsync(UndersignedDb db, DateTime now, TrendOptions limits,
        IReadOnlyCollection<string> sharedDomains, CancellationToken ct)
    {
        var since = now - TimeSpan.FromHours(1);
        var recent =
            from s in db.Signatures
            where Watched.Contains(s.Status) && s.CreatedAt >= since && s.CreatedAt <= now && s.PaperBatchId == null
            join p in db.Petitions on s.PetitionId equals p.Id
            where p.Status == PetitionStatus.Open
            select s;

        // IndexOf with a string, not a char: Npgsql translates only the string form (strpos).
#pragma warning disable CA1865, CA1866, CA1847
        var domains = await recent
            .GroupBy(s => new { s.PetitionId, Domain = s.NormalizedEmail.Substring(s.NormalizedEmail.IndexOf("@") + 1) })
            .Where(g => g.Count() > limits.DomainPerHour)
            .Select(g => new { g.Key.PetitionId, g.Key.Domain, Count = g.Count() })
            .ToListAsync(ct);
#pragma warning restore CA1865, CA1866, CA1847
        var bursts = await recent.Where(s => s.BurstId != null)
            .GroupBy(s => new { s.PetitionId, s.BurstId })
            .Where(g => g.Count() > limits.BurstPerHour)
            .Select(g => new TrendGroup(g.Key.PetitionId, TrendKind.Burst, g.Key.BurstId!, g.Count()))
            .ToListAsync(ct);
        var sources = await recent.Where(s => s.Source != null)
            .GroupBy(s => new { s.PetitionId, s.Source })
            .Where(g => g.Count() > limits.SourcePerHour)
            .Select(g => new TrendGroup(g.Key.PetitionId, TrendKind.Source, g.Key.Source!, g.Count()))
            .ToListAsync(ct);

        var shared = new HashSet<string>(sharedDomains, StringComparer.OrdinalIgnoreCase);
        var byDomain = domains.Where(d => !shared.Contains(d.Domain))
            .GroupBy(d => (d.PetitionId, Key: DomainKey(d.Domain)))
            .Select(g => new TrendGroup(g.Key.PetitionId, TrendKind.Domain, g.Key.Key, g.Sum(d => d.Count)));
        return [.. byDomain.Concat(bursts).Concat(sources)
            .OrderBy(g => g.PetitionId).ThenBy(g => g.Kind).ThenBy(g => g.Key, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The domain as an alert's key. A domain longer than a key may be (it can be registered to slip past) is kept
    /// as a pattern over its end, <c>*</c> and its last characters, which the invalidation form takes as an address pattern.
    /// </summary>
    public static string DomainKey(string domain) =>
        domain.Length <= SignatureLimits.Source ? domain : "*" + domain[^(SignatureLimits.Source - 1)..];
}
