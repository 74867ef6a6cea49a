using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Partners;

/// <summary>The organization a partner page is about, read from its slug in the address.</summary>
public sealed record PartnerOrganization(int Id, string Slug, string Name)
{
    public static Task<PartnerOrganization?> FindAsync(UndersignedDb db, string slug, CancellationToken ct) =>
        db.Organizations.AsNoTracking().Where(o => o.Slug == slug)
            .Select(o => new PartnerOrganization(o.Id, o.Slug, o.Name)).SingleOrDefaultAsync(ct);
}
