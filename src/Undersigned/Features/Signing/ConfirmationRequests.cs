using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Email;
using Undersigned.Storage;

namespace Undersigned.Features.Signing;

/// <summary>
/// Sending the confirmation email, first and again. A signer may have it again at most once per ResendInterval and
/// MaxConfirmationEmails times in all; the check and the count are one conditional UPDATE, so a thousand
/// simultaneous requests still send at most one email.
/// </summary>
public static class ConfirmationRequests
{
    public const string Kind = "signature-confirmation";

    /// <summary>
    /// Queues the first confirmation of new signatures, all in one statement inside the caller's transaction.
    /// Synchronous: the batch writer, which both intakes write through, calls it from its own thread.
    /// </summary>
    public static void Enqueue(UndersignedDb db, IReadOnlyList<long> signatureIds, DateTime now) =>
        db.Enqueue(Kind, signatureIds.Select(id => ($"{Kind}:{id}", (long?)id)).ToList(), now);

    /// <summary>
    /// Queues the confirmation again for those of these signatures that are still pending and within the limits,
    /// inside the caller's transaction, in two statements however many there are. Returns how many were queued.
    /// </summary>
    public static async Task<int> RequestAgainAsync(UndersignedDb db, IReadOnlyCollection<long> signatureIds, DateTime now,
        SigningOptions settings, CancellationToken ct)
    {
        if (signatureIds.Count == 0)
        {
            return 0;
        }
        var sql = $$"""
            UPDATE signatures SET confirmation_requested_at = {0}, confirmation_requests = confirmation_requests + 1
            WHERE id IN ({{SqlLists.Placeholders(signatureIds.Count, 3)}}) AND status = 'Pending' AND confirmation_requests < {1}
              AND (confirmation_requested_at IS NULL OR confirmation_requested_at <= {2})
            RETURNING id AS "Value"
            """;
        object[] values = [now, settings.MaxConfirmationEmails, now - settings.ResendInterval, .. signatureIds.Cast<object>()];
        var allowed = await db.Database.SqlQueryRaw<long>(sql, values).ToListAsync(ct);
        await db.EnqueueEachAsync(Kind, allowed, now, atMostEvery: null, ct);
        return allowed.Count;
    }
}
