using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Undersigned.Email;

namespace Undersigned.Features.Updates;

/// <summary>
/// Unsubscribe links that need no stored token: the signature's id, encrypted and authenticated with the app's
/// data-protection keys (kept in the database, so every instance reads every other's links). A changed character
/// fails authentication; nothing else about the signer is in the link.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection, PublicUrls urls)
{
    private const int MaxTokenLength = 400;

    private readonly IDataProtector protector = protection.CreateProtector("Undersigned.Unsubscribe/v1");

    public string TokenFor(long signatureId)
    {
        var id = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(id, signatureId);
        return WebEncoders.Base64UrlEncode(protector.Protect(id));
    }

    /// <summary>The signature a token names, or null for anything this app did not make.</summary>
    public long? SignatureOf(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }
        try
        {
            var id = protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            return id.Length == sizeof(long) ? BinaryPrimitives.ReadInt64BigEndian(id) : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The page a person opens from the email's body, to confirm with a button.</summary>
    public string PageUrl(string token) => $"{urls.Base}/unsubscribe/{token}";

    /// <summary>For the List-Unsubscribe header: a POST here unsubscribes at once (RFC 8058).</summary>
    public string OneClickUrl(string token) => $"{urls.Base}/unsubscribe/{token}/one-click";
}
