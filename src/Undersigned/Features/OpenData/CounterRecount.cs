using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Signing;

namespace Undersigned.Features.OpenData;

/// <summary>A counter that differs from what the signatures' rows give.</summary>
public sealed record CounterDrift(string Petition, CounterKind Kind, string Key, int Stored, int Recounted);

/// <summary>
/// Recomputes a petition's open-data counters from its counted signatures and reports every counter that drifted;
/// it fixes them only when asked. A drift seen at first is checked again under the petition's row lock, where no
/// change of its count is half-written (each one changes the petition's tallies before its counters, in one
/// transaction), so a busy petition reports no false drift and a fix is exact.
/// </summary>
public sealed class CounterRecount(UndersignedDb db)
{
    public async Task<IReadOnlyList<CounterDrift>> RunAsync(bool fix, CancellationToken ct, string? slug = null)
    {
        var petitions = await db.Petitions.AsNoTracking().Where(p => slug == null || p.Slug == slug)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.Slug }).ToListAsync(ct);
        var drift = new List<CounterDrift>();
        foreach (var petition in petitions)
        {
            if ((await CompareAsync(petition.Id, ct)).Count == 0)
            {
                continue;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Petitions.Where(p => p.Id == petition.Id)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.SignatureCount, x => x.SignatureCount), ct); // the row lock
            var found = await CompareAsync(petition.Id, ct);
            if (fix && found.Count > 0)
            {
                var changes = new CounterChanges();
                foreach (var (kind, key, stored, recounted) in found)
                {
                    changes.Change(petition.Id, kind, key, recounted - stored);
                }
                await changes.ApplyAsync(db, ct);
            }
            await transaction.CommitAsync(ct);
            drift.AddRange(found.Select(d => new CounterDrift(petition.Slug, d.Kind, d.Key, d.Stored, d.Recounted)));
        }
        return drift;
    }

    private async Task<List<(CounterKind Kind, string Key, int Stored, int Recounted)>> CompareAsync(int petitionId, CancellationToken ct)
    {
        var stored = await db.SignatureCounters.AsNoTracking().Where(c => c.PetitionId == petitionId)
            .ToDictionaryAsync(c => (c.Kind, c.Key), c => c.Count, ct);
        var groups = await db.Signatures.AsNoTracking()
            .Where(s => s.PetitionId == petitionId && s.Status == SignatureStatus.Counted)
            .GroupBy(s => new { s.Country, Zip3 = s.PostalCode!.Substring(0, 3), s.CreatedAt.Date, s.CreatedAt.Hour })
            .Select(g => new { g.Key.Country, g.Key.Zip3, g.Key.Date, g.Key.Hour, Count = g.Count() })
            .ToListAsync(ct);
        var recounted = new Dictionary<(CounterKind, string), int>();
        foreach (var g in groups)
        {
            Add(recounted, CounterKind.Country, g.Country, g.Count);
            if (CounterChanges.StateOf(g.Country, g.Zip3) is { } state)
            {
                Add(recounted, CounterKind.State, state, g.Count);
            }
            var hour = DateTime.SpecifyKind(g.Date, DateTimeKind.Utc).AddHours(g.Hour);
            Add(recounted, CounterKind.Hour, CounterChanges.HourKey(hour), g.Count);
        }
        return stored.Keys.Union(recounted.Keys)
            .Select(k => (k.Item1, k.Item2, Stored: stored.GetValueOrDefault(k), Recounted: recounted.GetValueOrDefault(k)))
            .Where(d => d.Stored != d.Recounted)
            .OrderBy(d => d.Item1).ThenBy(d => d.Item2, StringComparer.Ordinal).ToList();
    }

    private static void Add(Dictionary<(CounterKind, string), int> counts, CounterKind kind, string key, int n) =>
        counts[(kind, key)] = counts.GetValueOrDefault((kind, key)) + n;
}
