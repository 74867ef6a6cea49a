using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;

namespace Undersigned.Email;

/// <summary>
/// Takes due rows for one dispatcher. On PostgreSQL, FOR UPDATE SKIP LOCKED lets several instances claim side by
/// side without waiting on or taking each other's rows; SQLite has one writer at a time, so the UPDATE alone is
/// atomic. Either way a row is held by a lease, so a dispatcher that dies gives its rows back when it runs out.
/// </summary>
public sealed class OutboxClaims(UndersignedDb db, StorageOptions storage)
{
    public Task<List<OutboxMessage>> ClaimAsync(string worker, int size, DateTime now, DateTime leaseUntil,
        CancellationToken ct) =>
        (storage.Provider == DatabaseProvider.Postgres
            ? db.OutboxMessages.FromSql($"""
                UPDATE outbox_messages SET locked_until = {leaseUntil}, locked_by = {worker}, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM outbox_messages
                    WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= {now}
                      AND (locked_until IS NULL OR locked_until < {now})
                    ORDER BY next_attempt_at LIMIT {size}
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """)
            : db.OutboxMessages.FromSql($"""
                UPDATE outbox_messages SET locked_until = {leaseUntil}, locked_by = {worker}, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM outbox_messages
                    WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= {now}
                      AND (locked_until IS NULL OR locked_until < {now})
                    ORDER BY next_attempt_at LIMIT {size})
                RETURNING *
                """))
        .AsNoTracking().ToListAsync(ct);
}
