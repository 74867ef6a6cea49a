using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Undersigned.Features.Delivery;

/// <summary>
/// The link emailed to a petition's target: the petition's id and an expiry, sealed with ASP.NET Core data
/// protection (keys in the database, so every instance reads every link), so the target downloads the package
/// without an account. Nothing is stored; a link cannot be forged or stretched, only expire.
/// </summary>
public sealed class TargetLinks(IDataProtectionProvider protection, TimeProvider clock, IConfiguration config)
{
    private readonly IDataProtector protector = protection.CreateProtector("Undersigned.Delivery.TargetLink.v1");

    /// <summary><c>Delivery:LinkLifetime</c>, 90 days by default.</summary>
    public TimeSpan Lifetime => config.GetValue("Delivery:LinkLifetime", TimeSpan.FromDays(90));

    public (string Token, DateTime Expires) Create(int petitionId)
    {
        var expires = clock.GetUtcNow().Add(Lifetime);
        var payload = string.Create(CultureInfo.InvariantCulture, $"{petitionId}:{expires.ToUnixTimeSeconds()}");
        return (protector.Protect(payload), expires.UtcDateTime);
    }

    public enum Verdict
    {
        Valid,
        Unknown,
        Expired,
    }

    /// <summary>The petition a link opens; a link that was not made here is Unknown, a genuine old one Expired.</summary>
    public (Verdict Verdict, int PetitionId) Read(string? token)
    {
        string payload;
        try
        {
            payload = protector.Unprotect(token ?? "");
        }
        catch (CryptographicException)
        {
            return (Verdict.Unknown, 0);
        }
        var parts = payload.Split(':');
        var petitionId = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[1], CultureInfo.InvariantCulture));
        return expires > clock.GetUtcNow() ? (Verdict.Valid, petitionId) : (Verdict.Expired, petitionId);
    }
}
