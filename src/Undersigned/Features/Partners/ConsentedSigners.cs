using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Partners;

/// <summary>A signer who said yes to one organization, with what that organization may have of them.</summary>
public sealed record ConsentedSigner(long Id, string FirstName, string LastName, string Email, string? PostalCode,
    string Country, DateTime SignedAt, string? Source, DateTime OptedInAt);

/// <summary>
/// Exactly the signers an organization may take: those whose consent to it stands (a <see cref="PartnerOptIn"/>
/// row) and whose signature counts. Pending, held and withdrawn signers are never read. In signature order, so the
/// API can walk it with a keyset cursor through the (petition, organization, signature) index.
/// </summary>
public sealed class ConsentedSigners(UndersignedDb db)
{
    /// <summary>
    /// Every signer of the scope as a plain data reader over the command EF Core builds for the same query, for the
    /// CSV: at a million rows EF Core's materializing cost a third of the app's time. Columns in the order of
    /// <see cref="ConsentedSigner"/>'s parameters. The caller disposes the reader; the connection closes with the context.
    /// </summary>
    public async Task<DbDataReader> ReadAllAsync(ExportScope scope, CancellationToken ct)
    {
        var command = Query(scope, 0).CreateDbCommand();
        await db.Database.OpenConnectionAsync(ct);
        return await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
    }

    /// <summary>Up to <paramref name="take"/> signers after signature <paramref name="afterId"/>.</summary>
    public Task<List<ConsentedSigner>> PageAsync(ExportScope scope, long afterId, int take, CancellationToken ct) =>
        Query(scope, afterId).Take(take).ToListAsync(ct);

    public Task<int> CountAsync(ExportScope scope, CancellationToken ct) => Query(scope, 0).CountAsync(ct);

    private IQueryable<ConsentedSigner> Query(ExportScope scope, long afterId) =>
        from o in db.PartnerOptIns.AsNoTracking()
        where o.PetitionId == scope.PetitionId && o.OrganizationId == scope.OrganizationId && o.SignatureId > afterId
        join s in db.Signatures.AsNoTracking() on o.SignatureId equals s.Id
        where s.PetitionId == scope.PetitionId && s.Status == SignatureStatus.Counted
        orderby o.SignatureId
        select new ConsentedSigner(s.Id, s.FirstName, s.LastName, s.Email, s.PostalCode, s.Country, s.CreatedAt,
            s.Source, o.GrantedAt);
}
