using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Moderation;
using Undersigned.Features.Partners;
using Undersigned.Features.Staff;

namespace Undersigned.Features.Admin;

/// <summary>
/// The organizer's view of a whole petition: totals, sources, days, countries, and each partner's opt-ins.
/// Aggregates only; the signers themselves are not on this page. An admin page beside the petition's others; the
/// figures are the partners' dashboard's own (<see cref="CoalitionFigures"/>).
/// </summary>
[Authorize(Policy = StaffPolicies.Organizers)]
public sealed class PetitionDashboardModel(UndersignedDb db, CoalitionFigures figures, TimeProvider clock) : PageModel
{
    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public Figures Figures { get; private set; } = null!;
    public TrendAlertList Alerts { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var petition = await db.Petitions.AsNoTracking().Where(p => p.Slug == slug)
            .Select(p => new
            {
                p.Id, p.Slug, p.Title,
                Lead = p.Sponsorships.Where(s => s.Role == SponsorRole.Lead).Select(s => s.Organization!.Slug).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (petition is null)
        {
            return NotFound();
        }
        if (!User.MayRunPetitionLedBy(petition.Lead))
        {
            return Forbid();
        }
        (Slug, Title) = (petition.Slug, petition.Title);
        Figures = await figures.ForPetitionAsync(petition.Id, null, ct);
        Alerts = new(await RecentTrendAlerts.ForAsync(db, User, petition.Id, clock.GetUtcNow().UtcDateTime, ct), ShowsPetition: false);
        return Page();
    }
}
