using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;

namespace Undersigned.Features.Partners;

/// <summary>A key that proved itself on a request: whose it is.</summary>
public sealed record ApiKeyHolder(int Id, string Name, string Prefix, int OrganizationId, string OrganizationSlug);

/// <summary>A key as its organization's dashboard lists it; the secret is never read back.</summary>
public sealed record ApiKeyListing(int Id, string Name, string Prefix, string CreatedBy, DateTime CreatedAt,
    DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>Creating, listing, revoking and checking an organization's partner API keys.</summary>
public sealed class ApiKeys(UndersignedDb db, TimeProvider clock)
{
    public async Task<string> CreateAsync(int organizationId, string name, string createdBy, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var key = ApiKeySecrets.Create();
            var row = new ApiKey
            {
                OrganizationId = organizationId,
                Name = name,
                Prefix = key.Prefix,
                SecretHash = key.SecretHash,
                CreatedBy = createdBy,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.ApiKeys.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return key.Key;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 3)
            {
                // Two keys drew the same prefix (about one chance in 10^15): draw again.
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    public Task<List<ApiKeyListing>> ListAsync(int organizationId, CancellationToken ct) =>
        db.ApiKeys.AsNoTracking().Where(k => k.OrganizationId == organizationId).OrderByDescending(k => k.Id)
            .Select(k => new ApiKeyListing(k.Id, k.Name, k.Prefix, k.CreatedBy, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(ct);

    /// <summary>Revokes one of the organization's keys; false when it has no such key. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(int organizationId, int keyId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await db.ApiKeys.Where(k => k.Id == keyId && k.OrganizationId == organizationId).CountAsync(ct);
        await db.ApiKeys.Where(k => k.Id == keyId && k.OrganizationId == organizationId && k.RevokedAt == null)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, now), ct);
        return found > 0;
    }

    /// <summary>
    /// The holder of a presented key, noting that it was used; null when the key is malformed, unknown, wrong or
    /// revoked, which all answer alike.
    /// </summary>
    public async Task<ApiKeyHolder?> CheckAsync(string presented, CancellationToken ct)
    {
        var prefix = ApiKeySecrets.PrefixOf(presented);
        if (prefix is null)
        {
            return null;
        }
        var key = await (from k in db.ApiKeys.AsNoTracking()
                         where k.Prefix == prefix
                         join o in db.Organizations on k.OrganizationId equals o.Id
                         select new { k.Id, k.Name, k.Prefix, k.SecretHash, k.RevokedAt, k.OrganizationId, o.Slug })
            .SingleOrDefaultAsync(ct);
        if (key is null || key.RevokedAt is not null || !ApiKeySecrets.Matches(presented, key.SecretHash))
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, now), ct);
        return new ApiKeyHolder(key.Id, key.Name, key.Prefix, key.OrganizationId, key.Slug);
    }
}
