namespace Undersigned.Features.Moderation;

/// <summary>
/// Configuration under <c>Moderation:Trends:</c>: how often each petition's last hour is looked at, and how large a
/// group of it may grow before the lead's organizers are told. The defaults are explained in docs/moderation.md ("Trending alerts").
/// </summary>
public sealed class TrendOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Signatures from one email domain in an hour; the large shared providers are never counted.</summary>
    public int DomainPerHour { get; set; } = 500;

    /// <summary>Signatures in one burst (one rate window that tripped) in an hour.</summary>
    public int BurstPerHour { get; set; } = 50;

    /// <summary>Signatures that came by one source code (a partner's link) in an hour.</summary>
    public int SourcePerHour { get; set; } = 2_000;
}
