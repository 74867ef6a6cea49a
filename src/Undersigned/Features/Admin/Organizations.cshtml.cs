using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Staff;

namespace Undersigned.Features.Admin;

/// <summary>Every organization, for admins: the members of coalitions that petitions are led and sponsored by.</summary>
[Authorize(Policy = StaffPolicies.Admin)]
public sealed class OrganizationsModel(UndersignedDb db) : PageModel
{
    public List<Organization> Organizations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
}
