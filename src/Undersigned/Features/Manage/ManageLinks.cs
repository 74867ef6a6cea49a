using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Undersigned.Data;
using Undersigned.Email;
using Undersigned.Features.Signing;

namespace Undersigned.Features.Manage;

/// <summary>
/// The signer's private manage link: made when an email carrying it is composed (the confirmation, or a link
/// asked for again), stored as a hash, looked up by the token in the address.
/// </summary>
public sealed class ManageLinks(UndersignedDb db, IOptions<SigningOptions> options, TimeProvider clock)
{
    public const string Kind = "signature-manage-link";

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

    /// <summary>
    /// Emails a new manage link to whoever signed this petition with <paramref name="normalizedEmail"/>, at most
    /// once per resend interval. Says nothing about whether anyone did.
    /// </summary>
    public async Task RequestAsync(int petitionId, string normalizedEmail, CancellationToken ct)
    {
        var signatureId = await db.Signatures
            .Where(s => s.PetitionId == petitionId && s.NormalizedEmail == normalizedEmail && s.Status != SignatureStatus.Withdrawn)
            .Select(s => (long?)s.Id).SingleOrDefaultAsync(ct);
        if (signatureId is null)
        {
            return;
        }
        await db.EnqueueAtMostEveryAsync(Kind, $"{Kind}:{signatureId}", signatureId, clock.GetUtcNow().UtcDateTime,
            options.Value.ResendInterval, ct);
    }
}
