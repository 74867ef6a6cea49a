using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Petitions;

namespace Undersigned.Features.Privacy;

/// <summary>
/// Erases the personal data of one petition's signers: names, email addresses, comments, links sent to them,
/// partner opt-ins, unanswered address requests, and any copy in the development mailbox; a postal code is cut
/// down to its public area. Counts, countries, dates, sources and the consent history (which holds no one's
/// details) stay, so every figure the campaign published still adds up. Safe to run twice, or on two instances at once.
/// </summary>
public sealed class PetitionAnonymizer(UndersignedDb db, TimeProvider clock, ILogger<PetitionAnonymizer> log)
{
    private const int ChunkSize = 2_000;

    public async Task<int> AnonymizeAsync(Petition petition, CancellationToken ct)
    {
        var erased = 0;
        for (long after = 0; ;)
        {
            var chunk = await db.Signatures.Where(s => s.PetitionId == petition.Id && s.Id > after)
                .OrderBy(s => s.Id).Take(ChunkSize).ToListAsync(ct);
            if (chunk.Count == 0)
            {
                break;
            }
            foreach (var signature in chunk.Where(s => !s.NormalizedEmail.StartsWith("anonymized:", StringComparison.Ordinal)))
            {
                Erase(signature);
                erased++;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            after = chunk[^1].Id;
        }
        var ids = db.Signatures.Where(s => s.PetitionId == petition.Id).Select(s => s.Id);
        await db.SignatureTokens.Where(t => ids.Contains(t.SignatureId)).ExecuteDeleteAsync(ct);
        await db.PartnerOptIns.Where(o => o.PetitionId == petition.Id).ExecuteDeleteAsync(ct);
        await db.OutboxMessages.Where(m => m.SignatureId != null && ids.Contains(m.SignatureId.Value) && m.SentAt == null)
            .ExecuteDeleteAsync(ct);
        await db.AddressRequests.Where(r => r.PetitionId == petition.Id).ExecuteDeleteAsync(ct);
        // Every email about a petition names it in the subject; the development mailbox keeps whole messages.
        await db.DevMailMessages.Where(m => m.Subject.Contains(petition.Title)).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Petitions.Where(p => p.Id == petition.Id).ExecuteUpdateAsync(p => p.SetProperty(x => x.AnonymizedAt, now), ct);
        log.LogInformation("Anonymized {Count} signature(s) of {Petition}.", erased, petition.Slug);
        return erased;
    }

    private static void Erase(Signature s)
    {
        s.FirstName = "";
        s.LastName = "";
        s.Email = "";
        s.NormalizedEmail = $"anonymized:{s.Id}";
        s.PostalCode = PostalAreas.Of(s.PostalCode, s.Country);
        s.Comment = null;
        s.ShowNamePublicly = false;
        s.WantsUpdates = false;
    }
}
