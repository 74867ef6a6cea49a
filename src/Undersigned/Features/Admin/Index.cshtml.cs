using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Moderation;
using Undersigned.Features.Staff;

namespace Undersigned.Features.Admin;

public sealed record AdminPetitionRow(string Slug, string Title, PetitionStatus Status, int SignatureCount, int Goal, string? Lead,
    int HeldCount = 0);

/// <summary>The petitions a staff member runs: every one for admins, those their organization leads for organizers.</summary>
[Authorize(Policy = StaffPolicies.Organizers)]
public sealed class IndexModel(UndersignedDb db, TimeProvider clock) : PageModel
{
    public List<AdminPetitionRow> Petitions { get; private set; } = [];

    public TrendAlertList Alerts { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var petitions = db.Petitions.AsNoTracking();
        if (!User.IsAdmin())
        {
            var org = User.OrganizationSlug();
            petitions = petitions.Where(p => p.Sponsorships.Any(s => s.Role == SponsorRole.Lead && s.Organization!.Slug == org));
        }
        Petitions = await petitions
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new AdminPetitionRow(p.Slug, p.Title, p.Status, p.SignatureCount, p.Goal,
                p.Sponsorships.Where(s => s.Role == SponsorRole.Lead).Select(s => s.Organization!.Name).FirstOrDefault(),
                p.HeldCount))
            .ToListAsync(ct);
        Alerts = new(await RecentTrendAlerts.ForAsync(db, User, null, clock.GetUtcNow().UtcDateTime, ct), ShowsPetition: true);
    }
}
