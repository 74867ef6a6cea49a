using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Signing;

public enum ConfirmOutcome
{
    /// <summary>The link is good and its signature waits for the signer to press the button.</summary>
    Unconfirmed,
    Confirmed,
    AlreadyConfirmed,
    Expired,
    Invalid,
}

/// <summary>
/// Confirming a signature from the link in its email. Opening the link only checks it (<see cref="CheckAsync"/>):
/// mail scanners open every link, so only the page's button (<see cref="RunAsync"/>) counts. Both are safe to
/// repeat: the first press counts the signature, and every later one answers "already confirmed".
/// </summary>
public sealed class ConfirmSignature(UndersignedDb db, TimeProvider clock)
{
    /// <summary>What pressing the button would do, changing nothing.</summary>
    public async Task<ConfirmOutcome> CheckAsync(int petitionId, string? token, CancellationToken ct) =>
        (await FindAsync(petitionId, token, ct)).Outcome;

    public async Task<ConfirmOutcome> RunAsync(int petitionId, string? token, CancellationToken ct)
    {
        var (outcome, signatureId) = await FindAsync(petitionId, token, ct);
        if (outcome != ConfirmOutcome.Unconfirmed)
        {
            return outcome;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Signatures
            .Where(s => s.Id == signatureId && s.Status == SignatureStatus.Pending && !s.HeldForReview)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignatureStatus.Counted).SetProperty(x => x.ConfirmedAt, now), ct);
        // Held for review: confirmed all the same, and the signer is told so, but it counts only once staff release it.
        var held = changed == 1 ? 0 : await db.Signatures
            .Where(s => s.Id == signatureId && s.Status == SignatureStatus.Pending && s.HeldForReview)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SignatureStatus.Held).SetProperty(x => x.ConfirmedAt, now), ct);
        if (changed == 1)
        {
            await db.Petitions.Where(p => p.Id == petitionId)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.SignatureCount, x => x.SignatureCount + 1), ct);
        }
        await transaction.CommitAsync(ct);
        return changed + held == 1 ? ConfirmOutcome.Confirmed : ConfirmOutcome.AlreadyConfirmed;
    }

    private async Task<(ConfirmOutcome Outcome, long SignatureId)> FindAsync(int petitionId, string? token, CancellationToken ct)
    {
        var hash = SignerTokens.HashOf(token);
        if (hash is null)
        {
            return (ConfirmOutcome.Invalid, 0);
        }
        var found = await db.SignatureTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.Purpose == TokenPurpose.Confirm)
            .Join(db.Signatures, t => t.SignatureId, s => s.Id, (t, s) => new { t.ExpiresAt, s.Id, s.PetitionId, s.Status })
            .SingleOrDefaultAsync(ct);
        // A token for another petition, or of a withdrawn signature, is treated exactly like an unknown one.
        if (found is null || found.PetitionId != petitionId || found.Status == SignatureStatus.Withdrawn)
        {
            return (ConfirmOutcome.Invalid, 0);
        }
        if (found.Status is SignatureStatus.Counted or SignatureStatus.Held)
        {
            return (ConfirmOutcome.AlreadyConfirmed, found.Id);
        }
        return (found.ExpiresAt <= clock.GetUtcNow().UtcDateTime ? ConfirmOutcome.Expired : ConfirmOutcome.Unconfirmed, found.Id);
    }
}
