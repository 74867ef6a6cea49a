using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Undersigned.Features.Signing;

/// <summary>Configuration under <c>Abuse:</c>; <c>Enabled=false</c> switches every check off (benchmarks).</summary>
public sealed class AbuseOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Signatures one network address may add per window before the rest are held for review.</summary>
    public int SignaturesPerAddress { get; set; } = 20;

    /// <summary>Signatures one email domain may add per window before the rest are held for review.</summary>
    public int SignaturesPerEmailDomain { get; set; } = 2_000;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A form sent sooner than this after it was shown is flagged as probably not typed by a person.</summary>
    public TimeSpan MinimumFormTime { get; set; } = TimeSpan.FromSeconds(3);
}

/// <summary>What abuse control decided about one signature: hold it for review, and what to flag.</summary>
public sealed record Review(bool Hold, string? Flags)
{
    public static readonly Review None = new(false, null);
}

/// <summary>
/// Limits that never lose a real person. Past a limit per network address (a campus, a mobile carrier's NAT) or
/// per email domain, signatures are still stored but held for staff review instead of counted; a form sent faster
/// than a person types is flagged, not dropped. Limits are per instance, in memory (sliding windows from
/// System.Threading.RateLimiting); with several instances each applies them to the traffic it sees.
/// </summary>
public sealed class AbuseControl : IDisposable
{
    private readonly AbuseOptions options;
    private readonly IDataProtector formClock;
    private readonly TimeProvider clock;
    private readonly PartitionedRateLimiter<string> perAddress;
    private readonly PartitionedRateLimiter<string> perDomain;

    public AbuseControl(IOptions<AbuseOptions> options, IDataProtectionProvider protection, TimeProvider clock)
    {
        this.options = options.Value;
        this.clock = clock;
        formClock = protection.CreateProtector("Undersigned.SignForm.ShownAt");
        perAddress = Limiter(this.options.SignaturesPerAddress, this.options.Window);
        perDomain = Limiter(this.options.SignaturesPerEmailDomain, this.options.Window);
    }

    /// <summary>A tamper-proof note of when the form was shown, for the hidden field <c>Form.ShownAt</c>.</summary>
    public string StampForm() =>
        formClock.Protect(clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture));

    public Review Assess(string? address, ValidSignature signature, string? shownAt)
    {
        if (!options.Enabled)
        {
            return Review.None;
        }
        var domain = signature.NormalizedEmail[(signature.NormalizedEmail.LastIndexOf('@') + 1)..];
        using var byAddress = perAddress.AttemptAcquire(address ?? "unknown");
        using var byDomain = perDomain.AttemptAcquire(domain);
        var hold = !byAddress.IsAcquired || !byDomain.IsAcquired;
        return new Review(hold, TooFast(shownAt) ? "too-fast" : null);
    }

    private bool TooFast(string? shownAt)
    {
        try
        {
            var ticks = long.Parse(formClock.Unprotect(shownAt ?? ""), CultureInfo.InvariantCulture);
            return clock.GetUtcNow().UtcTicks - ticks < options.MinimumFormTime.Ticks;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or OverflowException)
        {
            return true; // no stamp, or one we did not make
        }
    }

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ =>
            new SlidingWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                SegmentsPerWindow = 10,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    public void Dispose()
    {
        perAddress.Dispose();
        perDomain.Dispose();
    }
}
