using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Undersigned.Data;

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

    /// <summary>
    /// Mail domains shared by millions of unrelated people (the large free providers), which the per-domain limit
    /// leaves alone: in a surge thousands of real signers a minute use each of them. Unset, the built-in list
    /// (<see cref="PublicMailProviders"/>); set, the list replaces it (an empty list limits every domain).
    /// </summary>
    public string[]? SharedMailDomains { get; set; }

    public static readonly string[] PublicMailProviders =
    [
        "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "rocketmail.com", "yahoo.co.uk", "yahoo.es",
        "yahoo.com.mx", "yahoo.ca", "yahoo.fr", "yahoo.de", "outlook.com", "outlook.es", "hotmail.com", "hotmail.co.uk",
        "hotmail.es", "hotmail.fr", "live.com", "live.com.mx", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com",
        "proton.me", "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "zoho.com", "fastmail.com",
        "yandex.ru", "yandex.com", "mail.ru", "qq.com", "163.com", "naver.com", "orange.fr", "free.fr", "btinternet.com",
        "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "cox.net", "charter.net", "bellsouth.net",
        "prodigy.net.mx",
    ];

    /// <summary>A form sent sooner than this after it was shown is flagged as probably not typed by a person.</summary>
    public TimeSpan MinimumFormTime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Sign forms from one network address handled at once; more wait their turn (<see cref="SignTurns"/>).</summary>
    public int SignsAtOncePerAddress { get; set; } = 2;
}

/// <summary>
/// What abuse control decided about one signature: hold it for review (which limit, in which burst), and what to
/// flag.
/// </summary>
public sealed record Review(bool Hold, string? Flags, HoldReason? Reason = null, string? BurstId = null)
{
    public static readonly Review None = new(false, null);
}

/// <summary>
/// Limits that never lose a real person. Past a limit per network address (a campus, a mobile carrier's NAT) or
/// per email domain, signatures are still stored but held for staff review instead of counted; a form sent faster
/// than a person types is flagged, not dropped. Limits are per instance, in memory (<see cref="WindowCounts{TKey}"/>);
/// with several instances each applies them to the traffic it sees. Network addresses are counted by a keyed hash,
/// with a key made when the process starts, so not even the process's memory holds the addresses it counted.
/// </summary>
public sealed class AbuseControl
{
    private readonly AbuseOptions options;
    private readonly IDataProtector formClock;
    private readonly TimeProvider clock;
    private readonly byte[] addressKey = RandomNumberGenerator.GetBytes(32);
    private readonly WindowCounts<ulong> perAddress;
    private readonly WindowCounts<string> perDomain;
    private readonly HashSet<string> sharedDomains;
    private readonly Bursts bursts;

    public AbuseControl(IOptions<AbuseOptions> options, IDataProtectionProvider protection, TimeProvider clock)
    {
        this.options = options.Value;
        this.clock = clock;
        formClock = protection.CreateProtector("Undersigned.SignForm.ShownAt");
        perAddress = new WindowCounts<ulong>(this.options.SignaturesPerAddress, this.options.Window, clock);
        perDomain = new WindowCounts<string>(this.options.SignaturesPerEmailDomain, this.options.Window, clock);
        sharedDomains = new HashSet<string>(this.options.SharedMailDomains ?? AbuseOptions.PublicMailProviders,
            StringComparer.OrdinalIgnoreCase);
        bursts = new Bursts(this.options.Window, clock);
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
        var addressKey = AddressKey(address ?? "unknown");
        var byAddress = perAddress.TryCount(addressKey);
        var byDomain = sharedDomains.Contains(domain) || perDomain.TryCount(domain);
        var flags = TooFast(shownAt) ? ReviewFlags.TooFast : null;
        return !byAddress ? new Review(true, flags, HoldReason.Address, bursts.Of(addressKey))
            : !byDomain ? new Review(true, flags, HoldReason.Domain, bursts.Of(domain))
            : new Review(false, flags);
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

    /// <summary>A network address as abuse control keeps it: a keyed hash, never the address.</summary>
    public ulong AddressKey(string address) =>
        BitConverter.ToUInt64(HMACSHA256.HashData(addressKey, Encoding.UTF8.GetBytes(address)));
}

/// <summary>The words abuse control flags a signature with (<see cref="Undersigned.Data.Signature.ReviewFlags"/>).</summary>
public static class ReviewFlags
{
    /// <summary>The form came back sooner than a person types (<see cref="AbuseOptions.MinimumFormTime"/>); it still counts.</summary>
    public const string TooFast = "too-fast";
}
