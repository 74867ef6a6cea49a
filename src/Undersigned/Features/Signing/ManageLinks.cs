using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Signing;

/// <summary>
/// The signer's private manage link: made when an email carrying it is composed (the confirmation, a link asked
/// for again, the note to a signer who signed again), stored as a hash, looked up by the token in the address.
/// Beside <see cref="SignerTokens"/> because signing makes the link (with the confirmation) and the manage pages
/// only open it.
/// </summary>
public sealed class ManageLinks(UndersignedDb db, TimeProvider clock)
{
    /// <summary>The email with a manage link asked for on the lost-link page.</summary>
    public const string Kind = "signature-manage-link";

    /// <summary>The email to a signer whose address was used on the sign form again: they had signed, and their link.</summary>
    public const string SignedAgainKind = "signature-already-signed";

    /// <summary>Adds a new manage token for a signature to the caller's unit of work and returns the token.</summary>
    public static string Create(UndersignedDb db, long signatureId, DateTime now, TimeSpan lifetime)
    {
        var (token, hash) = SignerTokens.Create();
        db.SignatureTokens.Add(new SignatureToken
        {
            SignatureId = signatureId, Purpose = TokenPurpose.Manage, TokenHash = hash, CreatedAt = now, ExpiresAt = now + lifetime,
        });
        return token;
    }

    /// <summary>The signature a live manage token of this petition opens, or null (unknown, expired, other petition).</summary>
    public async Task<Signature?> FindAsync(string slug, string? token, CancellationToken ct)
    {
        if (SignerTokens.HashOf(token) is not { } hash)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        return await (from t in db.SignatureTokens
                      join s in db.Signatures on t.SignatureId equals s.Id
                      join p in db.Petitions on s.PetitionId equals p.Id
                      where t.TokenHash == hash && t.Purpose == TokenPurpose.Manage && t.ExpiresAt > now && p.Slug == slug
                      select s).SingleOrDefaultAsync(ct);
    }
}
