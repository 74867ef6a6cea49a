using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Signing;

public enum ConfirmOutcome
{
    Confirmed,
    AlreadyConfirmed,
    Expired,
    Invalid,
}

/// <summary>
/// Opening a confirmation link. Idempotent: the first opening counts the signature, and every later one (the
/// signer clicking twice, a mail scanner that opened it first) answers "confirmed" without counting again.
/// </summary>
public sealed class ConfirmSignature(UndersignedDb db, TimeProvider clock)
{
    public async Task<ConfirmOutcome> RunAsync(int petitionId, string? token, CancellationToken ct)
    {
        var hash = SignerTokens.HashOf(token);
        if (hash is null)
        {
            return ConfirmOutcome.Invalid;
        }
        var found = await db.SignatureTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.Purpose == TokenPurpose.Confirm)
            .Join(db.Signatures, t => t.SignatureId, s => s.Id, (t, s) => new { t.ExpiresAt, s.Id, s.PetitionId, s.Status })
            .SingleOrDefaultAsync(ct);
        // A token for another petition, or of a withdrawn signature, is treated exactly like an unknown one.
        if (found is null || found.PetitionId != petitionId || found.Status == SignatureStatus.Withdrawn)
        {
            return ConfirmOutcome.Invalid;
        }
        if (found.Status is SignatureStatus.Counted or SignatureStatus.Held)
        {
            return ConfirmOutcome.AlreadyConfirmed;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (found.ExpiresAt <= now)
        {
            return ConfirmOutcome.Expired;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Signatures
            .Where(s => s.Id == found.Id && s.Status == SignatureStatus.Pending && !s.HeldForReview)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignatureStatus.Counted).SetProperty(x => x.ConfirmedAt, now), ct);
        // Held for review: confirmed all the same, and the signer is told so, but it counts only once staff release it.
        var held = changed == 1 ? 0 : await db.Signatures
            .Where(s => s.Id == found.Id && s.Status == SignatureStatus.Pending && s.HeldForReview)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignatureStatus.Held).SetProperty(x => x.ConfirmedAt, now), ct);
        if (changed == 1)
        {
            await db.Petitions.Where(p => p.Id == petitionId)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.SignatureCount, x => x.SignatureCount + 1), ct);
        }
        await transaction.CommitAsync(ct);
        return changed + held == 1 ? ConfirmOutcome.Confirmed : ConfirmOutcome.AlreadyConfirmed;
    }
}
