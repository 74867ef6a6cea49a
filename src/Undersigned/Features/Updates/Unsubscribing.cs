using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Updates;

/// <summary>What an unsubscribe link is about: the petition's title, and whether updates are still wanted.</summary>
public sealed record Subscription(long SignatureId, string PetitionSlug, string PetitionTitle, bool WantsUpdates);

/// <summary>Stopping a signer's update emails, from the one-click header or the confirmation page.</summary>
public sealed class Unsubscribing(UndersignedDb db)
{
    /// <summary>The subscription a valid link points to; null when its signature is gone (expired or erased).</summary>
    public Task<Subscription?> FindAsync(long signatureId, CancellationToken ct) =>
        db.Signatures.AsNoTracking().Where(s => s.Id == signatureId)
            .Join(db.Petitions, s => s.PetitionId, p => p.Id, (s, p) => new Subscription(s.Id, p.Slug, p.Title, s.WantsUpdates))
            .SingleOrDefaultAsync(ct);

    /// <summary>
    /// Turns updates off. Doing it twice, or for a signature that no longer exists, changes nothing more: the
    /// signer asked for no more email, and that is what they get.
    /// </summary>
    public Task UnsubscribeAsync(long signatureId, CancellationToken ct) =>
        db.Signatures.Where(s => s.Id == signatureId && s.WantsUpdates)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.WantsUpdates, false), ct);
}
