using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Undersigned.Features.Partners;

/// <summary>
/// The partner API's cursor: the last signature id of the previous page and an expiry, sealed with ASP.NET Core data
/// protection for one organization on one petition (keys in the database, so any instance reads any other's). A
/// client can neither write one nor edit one, nor carry one to another organization's or petition's signers; the
/// total is counted afresh for every page, never carried.
/// </summary>
public sealed class PageCursor(IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>Long enough for a CRM's nightly sync to page through a million signers.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>Far more than a sealed cursor takes; anything longer is refused before any work.</summary>
    private const int MaxLength = 512;

    public enum Verdict
    {
        FirstPage,
        Next,
        Unknown,
        Expired,
    }

    public string Create(ExportScope scope, long lastId) =>
        Protector(scope).Protect(string.Create(CultureInfo.InvariantCulture,
            $"{lastId}:{clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds()}"));

    /// <summary>Where the page starts: the first page without a cursor; Unknown for one not sealed here for this scope.</summary>
    public (Verdict Verdict, long AfterId) Read(ExportScope scope, string? cursor)
    {
        if (cursor is null)
        {
            return (Verdict.FirstPage, 0);
        }
        string payload;
        try
        {
            payload = cursor.Length is > 0 and <= MaxLength ? Protector(scope).Unprotect(cursor) : "";
        }
        catch (CryptographicException)
        {
            return (Verdict.Unknown, 0);
        }
        var parts = payload.Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var afterId)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return (Verdict.Unknown, 0);
        }
        return DateTimeOffset.FromUnixTimeSeconds(expires) > clock.GetUtcNow() ? (Verdict.Next, afterId) : (Verdict.Expired, 0);
    }

    private IDataProtector Protector(ExportScope scope) => protection.CreateProtector("Undersigned.Partners.PageCursor.v1",
        scope.OrganizationId.ToString(CultureInfo.InvariantCulture), scope.PetitionId.ToString(CultureInfo.InvariantCulture));
}
