using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Undersigned.Data;
using Undersigned.Storage;

namespace Undersigned.Email;

/// <summary>Writing to the outbox, always inside the caller's transaction.</summary>
public static class Outbox
{
    /// <summary>
    /// Queues one email per key, or queues it again if its key was used before (a resend): one row per key, so a
    /// signature never has two confirmation emails waiting at once. All of them in one statement, in the caller's
    /// open transaction; synchronous, for the signature batch writer on its own thread
    /// (<c>ConfirmationRequests.Enqueue</c>).
    /// </summary>
    public static void Enqueue(this UndersignedDb db, string kind, IReadOnlyList<(string IdempotencyKey, long? SignatureId)> emails,
        DateTime now)
    {
        if (emails.Count == 0)
        {
            return;
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The outbox is written inside the caller's transaction.");
        RowInserts.Execute(transaction.Connection!, transaction, "outbox_messages",
            ["kind", "idempotency_key", "signature_id", "created_at", "next_attempt_at", "attempts"],
            emails.Select(e => new object?[] { kind, e.IdempotencyKey, e.SignatureId, now, now, 0 }).ToList(),
            """
            ON CONFLICT (idempotency_key) DO UPDATE
            SET sent_at = NULL, failed_at = NULL, last_error = NULL, attempts = 0, next_attempt_at = excluded.next_attempt_at
            """);
    }

    /// <summary>
    /// Queues an email that may be asked for again and again (a staff account's failed sign-ins): queued again only
    /// once <paramref name="interval"/> has passed since it was last queued, so nobody's inbox can be flooded.
    /// </summary>
    public static Task EnqueueAtMostEveryAsync(this UndersignedDb db, string kind, string idempotencyKey, long? signatureId,
        DateTime now, TimeSpan interval, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox_messages (kind, idempotency_key, signature_id, created_at, next_attempt_at, attempts)
            VALUES ({kind}, {idempotencyKey}, {signatureId}, {now}, {now}, 0)
            ON CONFLICT (idempotency_key) DO UPDATE
            SET sent_at = NULL, failed_at = NULL, last_error = NULL, attempts = 0,
                next_attempt_at = excluded.next_attempt_at, created_at = excluded.created_at
            WHERE outbox_messages.created_at < {now - interval}
            """, ct);

    /// <summary>
    /// Queues one email of a kind to each of these signatures in one statement, keyed <c>{kind}:{signatureId}</c>
    /// like <see cref="Enqueue"/>. With <paramref name="atMostEvery"/>, for email a visitor may ask for again
    /// and again (a lost link): a signature's row is queued again only once that long has passed since it was last
    /// queued, so a form cannot flood someone's inbox.
    /// </summary>
    public static Task EnqueueEachAsync(this UndersignedDb db, string kind, IReadOnlyCollection<long> signatureIds,
        DateTime now, TimeSpan? atMostEvery, CancellationToken ct)
    {
        if (signatureIds.Count == 0)
        {
            return Task.CompletedTask;
        }
        var sql = $$"""
            INSERT INTO outbox_messages (kind, idempotency_key, signature_id, created_at, next_attempt_at, attempts)
            SELECT {0}, {0} || ':' || id, id, {1}, {1}, 0 FROM signatures WHERE id IN ({{SqlLists.Placeholders(signatureIds.Count, 2)}})
            ON CONFLICT (idempotency_key) DO UPDATE
            SET sent_at = NULL, failed_at = NULL, last_error = NULL, attempts = 0,
                next_attempt_at = excluded.next_attempt_at, created_at = excluded.created_at
            """;
        object[] values = [kind, now, .. signatureIds.Cast<object>()];
        if (atMostEvery is { } interval)
        {
            sql += string.Create(CultureInfo.InvariantCulture, $"\nWHERE outbox_messages.created_at < {{{values.Length}}}");
            values = [.. values, now - interval];
        }
        return db.Database.ExecuteSqlRawAsync(sql, values, ct);
    }
}
