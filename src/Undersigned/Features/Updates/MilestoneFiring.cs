using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Updates;

/// <summary>
/// Fires the milestones a petition's count has reached. Each is fired by one conditional UPDATE (reached_at still
/// null, count reached); its affected-row count decides who fires it, so however many instances try at once, one
/// does, and it queues the organizers' emails in the same transaction.
/// </summary>
public sealed class MilestoneFiring(UndersignedDb db, TimeProvider clock)
{
    public const string Kind = "milestone-reached";

    /// <summary>Fires every milestone due; returns how many this call fired.</summary>
    public async Task<int> FireDueAsync(CancellationToken ct)
    {
        var due = await db.Milestones.AsNoTracking().Where(m => m.ReachedAt == null)
            .Join(db.Petitions, m => m.PetitionId, p => p.Id, (m, p) => new { m.Id, m.Count, p.SignatureCount })
            .Where(x => x.Count <= x.SignatureCount).Select(x => x.Id).ToListAsync(ct);
        var fired = 0;
        foreach (var id in due)
        {
            fired += await FireAsync(id, ct) ? 1 : 0;
        }
        return fired;
    }

    /// <summary>True when this call fired the milestone; false when it was fired before or is not reached.</summary>
    public async Task<bool> FireAsync(int milestoneId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var won = await db.Database.ExecuteSqlAsync($"""
            UPDATE milestones SET reached_at = {now}
            WHERE id = {milestoneId} AND reached_at IS NULL
              AND "count" <= (SELECT signature_count FROM petitions WHERE petitions.id = milestones.petition_id)
            """, ct);
        if (won == 0)
        {
            return false;
        }
        var keyPrefix = $"{Kind}:{milestoneId}:";
        var organizer = StaffRoles.Organizer;
        var lead = nameof(SponsorRole.Lead);
        // One row per organizer of the lead organization; the recipient is the last part of the key.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox_messages (kind, idempotency_key, subject_id, created_at, next_attempt_at, attempts)
            SELECT {Kind}, {keyPrefix} || CAST(u.id AS TEXT), m.id, {now}, {now}, 0
            FROM milestones m
            JOIN sponsorships sp ON sp.petition_id = m.petition_id AND sp.role = {lead}
            JOIN staff_users u ON u.organization_id = sp.organization_id
            JOIN staff_user_roles ur ON ur.user_id = u.id
            JOIN staff_roles r ON r.id = ur.role_id
            WHERE m.id = {milestoneId} AND r.name = {organizer}
            ON CONFLICT (idempotency_key) DO NOTHING
            """, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The staff user a milestone email is for, read from its key ("milestone-reached:{milestone}:{user}").</summary>
    public static int? RecipientOf(string idempotencyKey) =>
        int.TryParse(idempotencyKey.AsSpan(idempotencyKey.LastIndexOf(':') + 1), out var id) ? id : null;
}
