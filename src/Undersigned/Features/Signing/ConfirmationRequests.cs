using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Undersigned.Data;
using Undersigned.Email;

namespace Undersigned.Features.Signing;

public enum ResendResult
{
    Sent,
    TooSoon,
    NothingToConfirm,
}

/// <summary>
/// Sending the confirmation email, first and again. A signer may ask again at most once per ResendInterval and
/// MaxConfirmationEmails times in all; the check and the count are one conditional UPDATE, so a thousand
/// simultaneous requests still send at most one email.
/// </summary>
public sealed class ConfirmationRequests(UndersignedDb db, IOptions<SigningOptions> options)
{
    public const string Kind = "signature-confirmation";

    public static Task EnqueueAsync(UndersignedDb db, long signatureId, DateTime now, CancellationToken ct) =>
        db.EnqueueAsync(Kind, $"{Kind}:{signatureId}", signatureId, now, ct);

    /// <summary>The same, for the batch writer's own thread.</summary>
    public static void Enqueue(UndersignedDb db, long signatureId, DateTime now) =>
        db.Enqueue(Kind, $"{Kind}:{signatureId}", signatureId, now);

    /// <summary>Queues the confirmation again for a pending signature; call inside the caller's transaction.</summary>
    public async Task<ResendResult> RequestAgainAsync(int petitionId, string normalizedEmail, DateTime now, CancellationToken ct)
    {
        var signature = await db.Signatures.AsNoTracking()
            .Where(s => s.PetitionId == petitionId && s.NormalizedEmail == normalizedEmail)
            .Select(s => new { s.Id, s.Status })
            .SingleOrDefaultAsync(ct);
        if (signature is null || signature.Status != SignatureStatus.Pending)
        {
            return ResendResult.NothingToConfirm;
        }
        var settings = options.Value;
        var askedBefore = now - settings.ResendInterval;
        var allowed = await db.Signatures
            .Where(s => s.Id == signature.Id && s.Status == SignatureStatus.Pending
                        && s.ConfirmationRequests < settings.MaxConfirmationEmails
                        && (s.ConfirmationRequestedAt == null || s.ConfirmationRequestedAt <= askedBefore))
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.ConfirmationRequestedAt, now)
                .SetProperty(x => x.ConfirmationRequests, x => x.ConfirmationRequests + 1), ct);
        if (allowed == 0)
        {
            return ResendResult.TooSoon;
        }
        await EnqueueAsync(db, signature.Id, now, ct);
        return ResendResult.Sent;
    }
}
