using Undersigned.Features.Signing;

namespace Undersigned.Tests.Features.Signing;

/// <summary>The counts behind abuse control's limits: a sliding window from two fixed ones, in bounded memory.</summary>
public sealed class WindowCountsTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    [Fact]
    public void A_key_counts_up_to_its_limit_and_a_refusal_is_not_counted()
    {
        var clock = new SettableClock();
        var counts = new WindowCounts<string>(3, Window, clock);
        Assert.Equal([true, true, true, false, false], Enumerable.Range(0, 5).Select(_ => counts.TryCount("a")));
        Assert.True(counts.TryCount("b")); // another key has its own count

        // Half a window after this one ends, half of it still weighs: 3 × 0.5 = 1.5, so two more (1.5 + 2 = 3.5 is over).
        clock.Now = clock.Now - TimeSpan.FromTicks(clock.Now.UtcTicks % Window.Ticks) + Window * 1.5;
        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(_ => counts.TryCount("a")));

        // Two windows later, the three of the first window weigh nothing; the two of the second, half.
        clock.Now += Window;
        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(_ => counts.TryCount("a")));
    }

    [Fact]
    public void Keys_not_seen_for_two_windows_are_forgotten()
    {
        var clock = new SettableClock();
        var counts = new WindowCounts<int>(20, Window, clock);
        for (var key = 0; key < 10_000; key++)
        {
            counts.TryCount(key);
        }
        Assert.Equal(10_000, counts.Keys);

        clock.Now += Window;
        counts.TryCount(-1);
        Assert.Equal(10_001, counts.Keys); // the previous window's keys still weigh

        clock.Now += Window;
        counts.TryCount(-2);
        Assert.Equal(2, counts.Keys); // the 10,000 are gone; -1 still weighs, -2 is this window's
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 2, 12, 3, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
