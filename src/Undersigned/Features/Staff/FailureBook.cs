namespace Undersigned.Features.Staff;

/// <summary>Failures by key, forgotten after a quiet window and never more than the configured number at once.</summary>
internal sealed class FailureBook
{
    private readonly Dictionary<string, Failures> byKey = new(StringComparer.Ordinal);

    public Failures Get(string key, DateTimeOffset now, LoginOptions settings)
    {
        if (byKey.TryGetValue(key, out var known))
        {
            if (known.IsForgotten(now, settings))
            {
                (known.Count, known.AlertedAt) = (0, null);
            }
            return known;
        }
        if (byKey.Count >= settings.MaxRecords)
        {
            Prune(now, settings);
        }
        return byKey[key] = new Failures { LastAt = now };
    }

    private void Prune(DateTimeOffset now, LoginOptions settings)
    {
        foreach (var (key, _) in byKey.Where(e => e.Value.IsForgotten(now, settings)).ToList())
        {
            byKey.Remove(key);
        }
        // Still full (a flood of addresses): the records idle longest go first.
        foreach (var (key, _) in byKey.Where(e => e.Value.InFlight == 0).OrderBy(e => e.Value.LastAt)
                     .Take(byKey.Count - (settings.MaxRecords * 9 / 10)).ToList())
        {
            byKey.Remove(key);
        }
    }
}
