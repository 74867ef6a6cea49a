using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Email;

namespace Undersigned.Features.Delivery;

/// <summary>
/// Marks a petition delivered, with a public note, and optionally queues the email that gives its target a link to
/// the package, in one transaction. Only an open or closed petition can be delivered, and only once: the update is
/// conditional on the status, so two organizers pressing the button together deliver it once.
/// </summary>
public sealed class DeliverPetition(UndersignedDb db, TimeProvider clock)
{
    public const string EmailKind = "petition-delivery";

    public enum Outcome
    {
        Delivered,
        IsDraft,
        AlreadyDelivered,
    }

    public static readonly PetitionStatus[] Deliverable = [PetitionStatus.Open, PetitionStatus.Closed];

    public async Task<Outcome> RunAsync(int petitionId, string note, bool emailTarget, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Petitions
            .Where(p => p.Id == petitionId && Deliverable.Contains(p.Status))
            .ExecuteUpdateAsync(p => p
                .SetProperty(x => x.Status, PetitionStatus.Delivered)
                .SetProperty(x => x.DeliveredAt, now)
                .SetProperty(x => x.DeliveryNote, note)
                .SetProperty(x => x.ClosedAt, x => x.ClosedAt ?? now), ct);
        if (changed == 0)
        {
            var status = await db.Petitions.Where(p => p.Id == petitionId).Select(p => p.Status).SingleAsync(ct);
            return status == PetitionStatus.Draft ? Outcome.IsDraft : Outcome.AlreadyDelivered;
        }
        if (emailTarget)
        {
            var key = $"{EmailKind}:{petitionId}";
            // One row per petition: the target is written to once, whatever happens after.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO outbox_messages (kind, idempotency_key, subject_id, created_at, next_attempt_at, attempts)
                VALUES ({EmailKind}, {key}, {(long)petitionId}, {now}, {now}, 0)
                ON CONFLICT (idempotency_key) DO NOTHING
                """, ct);
        }
        await transaction.CommitAsync(ct);
        return Outcome.Delivered;
    }
}
