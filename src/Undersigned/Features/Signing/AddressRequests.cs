using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;

namespace Undersigned.Features.Signing;

/// <summary>
/// Writing and taking <see cref="AddressRequest"/> rows. A form writes one row with one INSERT for any well-formed
/// address, known or not, and never reads whether it signed: that is the background resolver's work
/// (<see cref="AddressRequestResolver"/>).
/// </summary>
public static class AddressRequests
{
    public static Task AddAsync(UndersignedDb db, int petitionId, AddressRequestPurpose purpose, string normalizedEmail,
        DateTime now, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO address_requests (petition_id, purpose, normalized_email, created_at)
            VALUES ({petitionId}, {purpose.ToString()}, {normalizedEmail}, {now})
            """, ct);

    /// <summary>
    /// Takes the oldest requests by deleting them, inside the caller's transaction: they are answered in that same
    /// transaction, or come back if it fails. On PostgreSQL, SKIP LOCKED lets instances take requests side by side.
    /// </summary>
    public static Task<List<AddressRequest>> TakeAsync(UndersignedDb db, DatabaseProvider provider, int size, CancellationToken ct) =>
        (provider == DatabaseProvider.Postgres
            ? db.AddressRequests.FromSql($"""
                DELETE FROM address_requests WHERE id IN (
                    SELECT id FROM address_requests ORDER BY id LIMIT {size} FOR UPDATE SKIP LOCKED)
                RETURNING *
                """)
            : db.AddressRequests.FromSql($"""
                DELETE FROM address_requests WHERE id IN (SELECT id FROM address_requests ORDER BY id LIMIT {size})
                RETURNING *
                """))
        .AsNoTracking().ToListAsync(ct);
}
