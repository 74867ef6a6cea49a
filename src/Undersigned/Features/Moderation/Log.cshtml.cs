using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Staff;

namespace Undersigned.Features.Moderation;

/// <summary>The moderation log of one petition, newest first, for admins.</summary>
[Authorize(Policy = StaffPolicies.Admin)]
public sealed class LogModel(UndersignedDb db) : PageModel
{
    public const int PageSize = 200;

    public Petition Petition { get; private set; } = null!;
    public List<ModerationEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var petition = await db.Petitions.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, ct);
        if (petition is null)
        {
            return NotFound();
        }
        Petition = petition;
        Entries = await db.ModerationEntries.AsNoTracking().Where(e => e.PetitionId == petition.Id)
            .OrderByDescending(e => e.Id).Take(PageSize).ToListAsync(ct);
        return Page();
    }
}
