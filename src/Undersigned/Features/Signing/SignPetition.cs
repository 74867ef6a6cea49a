using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Signing;

public enum SignOutcome
{
    Counted,
    AlreadySigned,
}

/// <summary>
/// Stores one validated signature and counts it, in one transaction. The unique index on (petition, normalized
/// email) decides duplicates, so two submissions racing each other still count once.
/// </summary>
public sealed class SignPetition(UndersignedDb db, TimeProvider clock)
{
    public async Task<SignOutcome> RunAsync(int petitionId, ValidSignature s, string locale, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO signatures (petition_id, first_name, last_name, email, normalized_email, postal_code, country,
                                    comment, show_name_publicly, wants_updates, locale, created_at)
            VALUES ({petitionId}, {s.FirstName}, {s.LastName}, {s.Email}, {s.NormalizedEmail}, {s.PostalCode},
                    {s.Country}, {s.Comment}, {s.ShowNamePublicly}, {s.WantsUpdates}, {locale}, {now})
            ON CONFLICT (petition_id, normalized_email) DO NOTHING
            """, ct);
        if (inserted == 0)
        {
            return SignOutcome.AlreadySigned;
        }
        await db.Petitions.Where(p => p.Id == petitionId)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.SignatureCount, x => x.SignatureCount + 1), ct);
        await transaction.CommitAsync(ct);
        return SignOutcome.Counted;
    }
}
