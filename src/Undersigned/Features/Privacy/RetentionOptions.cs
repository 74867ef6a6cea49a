namespace Undersigned.Features.Privacy;

/// <summary>Configuration under <c>Retention:</c>, documented in docs/privacy.md.</summary>
public sealed class RetentionOptions
{
    /// <summary>How long after a petition closes (or is delivered) its signers' personal data is kept.</summary>
    public TimeSpan AfterClose { get; set; } = TimeSpan.FromDays(182);

    /// <summary>How often the retention job looks for petitions that are due.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
