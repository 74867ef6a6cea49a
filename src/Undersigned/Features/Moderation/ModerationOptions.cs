namespace Undersigned.Features.Moderation;

/// <summary>Configuration under <c>Moderation:</c> (docs/moderation.md).</summary>
public sealed class ModerationOptions
{
    /// <summary>Signatures an invalidation changes per transaction.</summary>
    public int InvalidationBatchSize { get; set; } = 500;

    /// <summary>How often each instance looks for invalidations to carry out.</summary>
    public TimeSpan InvalidationPoll { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The largest share of a petition's signatures (pending, counted and held) an organizer may invalidate at
    /// once; a larger one needs an admin.
    /// </summary>
    public double OrganizerShareLimit { get; set; } = 0.10;
}
