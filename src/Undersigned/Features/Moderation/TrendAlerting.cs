using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Undersigned.Data;
using Undersigned.Features.Signing;

namespace Undersigned.Features.Moderation;

/// <summary>What one pass found: groups over their thresholds, and how many of them were emailed about now.</summary>
public sealed record TrendPass(int Alerts, int Emailed);

/// <summary>
/// One look at every open petition's last hour. Each group over its threshold is written as the alert of its
/// petition, group and clock hour (insert, or raise the count it holds); the alert's first writer in an hour marks it
/// emailed, by a conditional UPDATE, and queues one email per organizer of the lead organization in the same
/// transaction. However many instances run the pass at once, the unique index and that UPDATE make it one row and
/// one email per organizer per group per hour.
/// </summary>
public sealed class TrendAlerting(UndersignedDb db, IOptions<TrendOptions> options, IOptions<AbuseOptions> abuse,
    TimeProvider clock)
{
    public const string Kind = "trend-alert";

    public async Task<TrendPass> RaiseAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The large free providers carry thousands of unrelated real signers an hour; a count of them says nothing.
        var shared = abuse.Value.SharedMailDomains ?? AbuseOptions.PublicMailProviders;
        var groups = await TrendGroups.OverThresholdAsync(db, now, options.Value, shared, ct);
        var emailed = 0;
        foreach (var group in groups)
        {
            emailed += await RecordAsync(group, TrendAlertLinks.HourOf(now), now, ct) ? 1 : 0;
        }
        return new TrendPass(groups.Count, emailed);
    }

    /// <summary>Writes the group's alert for this hour; true when this call queued its email.</summary>
    private async Task<bool> RecordAsync(TrendGroup group, DateTime hour, DateTime now, CancellationToken ct)
    {
        var kind = group.Kind.ToString();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO trend_alerts (petition_id, kind, "key", "hour", "count", raised_at)
            VALUES ({group.PetitionId}, {kind}, {group.Key}, {hour}, {group.Count}, {now})
            ON CONFLICT (petition_id, kind, "key", "hour") DO UPDATE
            SET "count" = CASE WHEN excluded."count" > trend_alerts."count" THEN excluded."count" ELSE trend_alerts."count" END
            """, ct);
        var id = await db.TrendAlerts.Where(a => a.PetitionId == group.PetitionId && a.Kind == group.Kind
            && a.Key == group.Key && a.Hour == hour).Select(a => a.Id).SingleAsync(ct);
        var won = await db.Database.ExecuteSqlAsync(
            $"UPDATE trend_alerts SET emailed_at = {now} WHERE id = {id} AND emailed_at IS NULL", ct) == 1;
        if (won)
        {
            await QueueEmailsAsync(id, group.PetitionId, now, ct);
        }
        await transaction.CommitAsync(ct);
        return won;
    }

    /// <summary>One row per organizer of the lead organization; the recipient is the last part of the key.</summary>
    private Task<int> QueueEmailsAsync(long alertId, int petitionId, DateTime now, CancellationToken ct)
    {
        var keyPrefix = $"{Kind}:{alertId}:";
        var organizer = StaffRoles.Organizer;
        var lead = nameof(SponsorRole.Lead);
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox_messages (kind, idempotency_key, subject_id, created_at, next_attempt_at, attempts)
            SELECT {Kind}, {keyPrefix} || CAST(u.id AS TEXT), {alertId}, {now}, {now}, 0
            FROM sponsorships sp
            JOIN staff_users u ON u.organization_id = sp.organization_id
            JOIN staff_user_roles ur ON ur.user_id = u.id
            JOIN staff_roles r ON r.id = ur.role_id
            WHERE sp.petition_id = {petitionId} AND sp.role = {lead} AND r.name = {organizer}
            ON CONFLICT (idempotency_key) DO NOTHING
            """, ct);
    }

    /// <summary>The staff user an alert email is for, read from its key ("trend-alert:{alert}:{user}").</summary>
    public static int? RecipientOf(string idempotencyKey) =>
        int.TryParse(idempotencyKey.AsSpan(idempotencyKey.LastIndexOf(':') + 1), out var id) ? id : null;
}
