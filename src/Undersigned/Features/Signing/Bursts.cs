using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Undersigned.Features.Signing;

/// <summary>
/// Opaque ids for the bursts abuse control holds: the first signature over a limit (one network address's, or one
/// email domain's) starts a burst with a random id, and every signature that limit holds until it has been quiet
/// for a window shares it. Staff review and invalidate a burst by its id; nothing in it, in memory or in the
/// database, says which network address it came from. Per instance, like the limits.
/// </summary>
public sealed class Bursts(TimeSpan quiet, TimeProvider clock)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<object, Burst> open = new();

    private sealed record Burst(string Id, long LastTicks);

    /// <summary>The id of the burst the limit keyed <paramref name="key"/> is holding now.</summary>
    public string Of(object key)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var burst = open.AddOrUpdate(key, _ => new Burst(NewId(), now),
            (_, b) => now - b.LastTicks > quiet.Ticks ? new Burst(NewId(), now) : b with { LastTicks = now });
        if (open.Count > PruneAbove)
        {
            foreach (var (k, b) in open)
            {
                if (now - b.LastTicks > quiet.Ticks)
                {
                    open.TryRemove(k, out _);
                }
            }
        }
        return burst.Id;
    }

    private static string NewId() => "b" + RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 9);
}
