using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Email;

namespace Undersigned.Features.Updates;

/// <summary>
/// Posts an update and queues its email in one transaction: the update, one outbox row per signer who asked for
/// updates and counts, and the time and number queued. Either all of it is stored or none of it; once it is,
/// the outbox sends each row at least once and resumes after a crash from where it stopped.
/// </summary>
public sealed class PostUpdate(UndersignedDb db, TimeProvider clock)
{
    public const string Kind = "petition-update";

    public sealed record Posted(long UpdateId, int Recipients, bool AlreadyPosted);

    public async Task<Posted> PostAsync(int petitionId, UpdateText text, string postedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Postings of one petition take turns (a row lock on PostgreSQL, the write lock on SQLite), so the same form
        // sent twice, by a double click or a browser's resend, finds the first and sends nothing more.
        await db.Database.ExecuteSqlAsync($"UPDATE petitions SET id = id WHERE id = {petitionId}", ct);
        var same = await db.PetitionUpdates.AsNoTracking()
            .Where(u => u.PetitionId == petitionId && u.Title == text.Title && u.Body == text.Body)
            .Select(u => new Posted(u.Id, u.Recipients, true)).FirstOrDefaultAsync(ct);
        if (same is not null)
        {
            return same;
        }

        var update = new PetitionUpdate { PetitionId = petitionId, Title = text.Title, Body = text.Body, PostedBy = postedBy, PostedAt = now };
        db.PetitionUpdates.Add(update);
        await db.SaveChangesAsync(ct);
        var recipients = await QueueEmailsAsync(db, petitionId, update.Id, now, ct);
        await db.PetitionUpdates.Where(u => u.Id == update.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailQueuedAt, now).SetProperty(x => x.Recipients, recipients), ct);
        await transaction.CommitAsync(ct);
        return new Posted(update.Id, recipients, false);
    }

    /// <summary>
    /// One statement for any number of signers. The idempotency key is per (update, signature), and the unique index
    /// on it, not a check in code, is what makes it impossible to queue one update twice for one signer.
    /// </summary>
    public static Task<int> QueueEmailsAsync(UndersignedDb db, int petitionId, long updateId, DateTime now, CancellationToken ct)
    {
        var keyPrefix = $"{Kind}:{updateId}:";
        var counted = nameof(SignatureStatus.Counted);
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox_messages (kind, idempotency_key, signature_id, subject_id, created_at, next_attempt_at, attempts)
            SELECT {Kind}, {keyPrefix} || CAST(s.id AS TEXT), s.id, {updateId}, {now}, {now}, 0
            FROM signatures s
            WHERE s.petition_id = {petitionId} AND s.wants_updates AND s.status = {counted} AND s.email <> ''
            ON CONFLICT (idempotency_key) DO NOTHING
            """, ct);
    }

    /// <summary>How many signers an update posted now would be emailed to.</summary>
    public Task<int> AudienceAsync(int petitionId, CancellationToken ct) =>
        db.Signatures.CountAsync(s => s.PetitionId == petitionId && s.WantsUpdates && s.Status == SignatureStatus.Counted && s.Email != "", ct);
}
