using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Petitions;
using Undersigned.Features.Signing;

namespace Undersigned.Features.OpenData;

/// <summary>A country or US state with its counted signatures.</summary>
public sealed record PlaceCount(string Code, string Name, int Count);

/// <summary>Counted signatures signed in one hour or day (UTC, from <see cref="Hour"/>), and all of them up to its end.</summary>
public sealed record TimeCount(DateTime Hour, int Count, int Cumulative);

/// <summary>How signatures over time are grouped.</summary>
public enum TimeBucket
{
    Hour,
    Day,
}

/// <summary>A petition's counted signatures by country, by US state and over time, as its counters keep them.</summary>
public sealed record PetitionBreakdowns(IReadOnlyList<PlaceCount> ByCountry, IReadOnlyList<PlaceCount> ByUsState, IReadOnlyList<TimeCount> OverTime)
{
    /// <summary>Reads them from the counters: one query of a few hundred rows at most, however many signed. Countries are named in <paramref name="culture"/> (English by default).</summary>
    public static async Task<PetitionBreakdowns> ReadAsync(UndersignedDb db, int petitionId, TimeBucket bucket, CancellationToken ct,
        CultureInfo? culture = null)
    {
        var counters = await db.SignatureCounters.AsNoTracking().Where(c => c.PetitionId == petitionId && c.Count > 0)
            .Select(c => new { c.Kind, c.Key, c.Count }).ToListAsync(ct);
        var names = culture ?? CultureInfo.GetCultureInfo("en");
        var byCountry = counters.Where(c => c.Kind == CounterKind.Country)
            .Select(c => new PlaceCount(c.Key, Countries.NameOf(c.Key, names), c.Count))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        var byState = counters.Where(c => c.Kind == CounterKind.State)
            .Select(c => new PlaceCount(c.Key, UsStates.Names.GetValueOrDefault(c.Key, c.Key), c.Count))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        var overTime = Buckets(counters.Where(c => c.Kind == CounterKind.Hour).Select(c => (ParseHour(c.Key), c.Count)), bucket);
        return new PetitionBreakdowns(byCountry, byState, overTime);
    }

    /// <summary>The same figures with the hours grouped into days.</summary>
    public PetitionBreakdowns ByDay() => this with { OverTime = Buckets(OverTime.Select(t => (t.Hour, t.Count)), TimeBucket.Day) };

    private static List<TimeCount> Buckets(IEnumerable<(DateTime Hour, int Count)> counts, TimeBucket bucket)
    {
        var cumulative = 0;
        return counts.GroupBy(c => bucket == TimeBucket.Day ? c.Hour.Date : c.Hour).OrderBy(g => g.Key).Select(g =>
        {
            var count = g.Sum(c => c.Count);
            cumulative += count;
            return new TimeCount(DateTime.SpecifyKind(g.Key, DateTimeKind.Utc), count, cumulative);
        }).ToList();
    }

    private static DateTime ParseHour(string key) => DateTime.ParseExact(key, CounterChanges.HourKeyFormat, CultureInfo.InvariantCulture,
        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
