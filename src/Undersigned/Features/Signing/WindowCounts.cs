namespace Undersigned.Features.Signing;

/// <summary>
/// How many times each key was counted in the last window, for abuse control's limits, kept in a size that a surge
/// from a million networks does not blow up. The sliding window is approximated from two fixed ones, as large
/// CDNs' rate limiters do: the count is this window's plus the previous window's, weighted by the share of it that
/// still lies within the last <c>window</c>. Each key costs one entry in a dictionary while it was seen in the last two
/// windows; a window's dictionary is dropped whole when it ends, so no timer runs and no entry is ever walked.
/// (System.Threading.RateLimiting's partitioned limiter, used before, kept a limiter per key for a full window after
/// its last use and walked all of them ten times a second: in a surge, the largest single cost in the profile.)
/// Thread-safe; one lock, held for two dictionary lookups.
/// </summary>
public sealed class WindowCounts<TKey>(int limit, TimeSpan window, TimeProvider clock) where TKey : notnull
{
    private readonly Lock gate = new();
    private Dictionary<TKey, int> current = [];
    private Dictionary<TKey, int> previous = [];
    private long currentStart = long.MinValue;

    /// <summary>Counts one more for <paramref name="key"/> if it is under the limit; false (and not counted) if not.</summary>
    public bool TryCount(TKey key)
    {
        var now = clock.GetUtcNow().UtcTicks;
        lock (gate)
        {
            var overlap = Roll(now);
            var here = current.GetValueOrDefault(key);
            var before = previous.GetValueOrDefault(key);
            if (here + before * overlap >= limit)
            {
                return false;
            }
            current[key] = here + 1;
            return true;
        }
    }

    /// <summary>Keys counted in the current and the previous window (what the counts hold in memory).</summary>
    public int Keys
    {
        get
        {
            lock (gate)
            {
                return current.Count + previous.Count;
            }
        }
    }

    /// <summary>Moves to the window <paramref name="now"/> falls in; returns the share of the previous one still in the last window.</summary>
    private double Roll(long now)
    {
        var length = window.Ticks;
        var start = now - now % length;
        if (start != currentStart)
        {
            // One window on: this one becomes the previous. More than one: both are over.
            previous = start - currentStart == length ? current : [];
            current = [];
            currentStart = start;
        }
        return 1 - (double)(now - start) / length;
    }
}
