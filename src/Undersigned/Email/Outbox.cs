using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Email;

/// <summary>Writing to the outbox, always inside the caller's transaction.</summary>
public static class Outbox
{
    /// <summary>
    /// Queues an email, or queues it again if its key was used before (a resend): one row per key, so a
    /// signature never has two confirmation emails waiting at once.
    /// </summary>
    public static Task EnqueueAsync(this UndersignedDb db, string kind, string idempotencyKey, long? signatureId,
        DateTime now, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(Upsert(kind, idempotencyKey, signatureId, now), ct);

    /// <summary>The same, synchronously, for the signature batch writer's own thread.</summary>
    public static void Enqueue(this UndersignedDb db, string kind, string idempotencyKey, long? signatureId, DateTime now) =>
        db.Database.ExecuteSql(Upsert(kind, idempotencyKey, signatureId, now));

    /// <summary>
    /// Queues an email that a visitor may ask for again and again (a lost link): queued again only once
    /// <paramref name="interval"/> has passed since it was last queued, so a form cannot flood someone's inbox.
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

    private static FormattableString Upsert(string kind, string idempotencyKey, long? signatureId, DateTime now) => $"""
            INSERT INTO outbox_messages (kind, idempotency_key, signature_id, created_at, next_attempt_at, attempts)
            VALUES ({kind}, {idempotencyKey}, {signatureId}, {now}, {now}, 0)
            ON CONFLICT (idempotency_key) DO UPDATE
            SET sent_at = NULL, failed_at = NULL, last_error = NULL, attempts = 0, next_attempt_at = excluded.next_attempt_at
            """;
}
