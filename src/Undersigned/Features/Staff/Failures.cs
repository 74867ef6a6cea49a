namespace Undersigned.Features.Staff;

/// <summary>The failed sign-ins of one client or one account, as <see cref="LoginThrottle"/> counts them under its lock.</summary>
internal sealed class Failures
{
    public int Count { get; set; }
    public int InFlight { get; set; }
    public DateTimeOffset LastAt { get; set; }
    public DateTimeOffset? AlertedAt { get; set; }

    public bool IsClean => Count == 0 && InFlight == 0;

    public void Record(DateTimeOffset now)
    {
        Count++;
        InFlight--;
        LastAt = now;
    }

    /// <summary>Whether the next attempt comes too soon after the last failure, once past the free ones.</summary>
    public bool MustWait(int free, DateTimeOffset now, LoginOptions settings)
    {
        var beyond = Count + InFlight - free;
        if (beyond < 0)
        {
            return false;
        }
        // Past the free failures, one attempt at a time: the next waits for this one's outcome.
        return InFlight > 0 || now < LastAt + Delay(beyond, settings);
    }

    public static TimeSpan Delay(int beyond, LoginOptions settings)
    {
        var ticks = settings.FirstDelay.Ticks * Math.Pow(2, Math.Min(beyond, 40));
        return ticks >= settings.MaxDelay.Ticks ? settings.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public bool IsForgotten(DateTimeOffset now, LoginOptions settings) =>
        InFlight == 0 && now - LastAt > settings.Forget;
}
