using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Undersigned.Features.Partners;

/// <summary>Where the next page starts (after this signature id), and the total counted when paging began.</summary>
public sealed record PagePosition(long AfterId, int? Total);

/// <summary>
/// The partner API's cursor: the last signature id of the previous page, the total counted on the first page, and an
/// expiry, sealed with ASP.NET Core data protection for one organization on one petition (keys in the database, so
/// any instance reads any other's). A client can neither write one nor edit one, nor carry one to another
/// organization's or petition's signers. The total travels so that a sync of a million signers counts them once, not
/// once a page: that count costs several times the page itself.
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

    public string Create(ExportScope scope, long lastId, int total) =>
        Protector(scope).Protect(string.Create(CultureInfo.InvariantCulture,
            $"{lastId}:{total}:{clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds()}"));

    /// <summary>Where the page starts: the first page without a cursor; Unknown for one not sealed here for this scope.</summary>
    public (Verdict Verdict, PagePosition Position) Read(ExportScope scope, string? cursor)
    {
        var first = new PagePosition(0, null);
        if (cursor is null)
        {
            return (Verdict.FirstPage, first);
        }
        string payload;
        try
        {
            payload = cursor.Length is > 0 and <= MaxLength ? Protector(scope).Unprotect(cursor) : "";
        }
        catch (CryptographicException)
        {
            return (Verdict.Unknown, first);
        }
        var parts = payload.Split(':');
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var afterId)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return (Verdict.Unknown, first);
        }
        return DateTimeOffset.FromUnixTimeSeconds(expires) > clock.GetUtcNow()
            ? (Verdict.Next, new PagePosition(afterId, total))
            : (Verdict.Expired, first);
    }

    private IDataProtector Protector(ExportScope scope) => protection.CreateProtector("Undersigned.Partners.PageCursor.v1",
        scope.OrganizationId.ToString(CultureInfo.InvariantCulture), scope.PetitionId.ToString(CultureInfo.InvariantCulture));
}
