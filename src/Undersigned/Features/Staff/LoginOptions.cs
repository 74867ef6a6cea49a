namespace Undersigned.Features.Staff;

/// <summary>
/// How failed staff sign-ins slow down further attempts, under <c>Staff:Login:</c>. The policy and its reasons are
/// in docs/operations.md ("Staff sign-in").
/// </summary>
public sealed class LoginOptions
{
    /// <summary>Failures from one network address before its attempts must wait.</summary>
    public int ClientFreeFailures { get; set; } = 5;

    /// <summary>Failures on one account, from anywhere, before attempts on it from a client that has failed must wait.</summary>
    public int AccountFreeFailures { get; set; } = 5;

    /// <summary>The wait after the first failure beyond the free ones; it doubles with each further failure.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A client's or an account's failures are forgotten once this long has passed since the last one.</summary>
    public TimeSpan Forget { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Failures on an account before its owner is emailed; at most one email per <see cref="Forget"/>.</summary>
    public int AlertAfter { get; set; } = 5;

    /// <summary>How long a browser that signed in to an account is known to it (a data-protected cookie).</summary>
    public TimeSpan KnownBrowserLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Most clients, and most accounts, remembered at once; the oldest are dropped beyond it.</summary>
    public int MaxRecords { get; set; } = 100_000;
}
