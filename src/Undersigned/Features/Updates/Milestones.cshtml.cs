using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Staff;
using Undersigned.Web;

namespace Undersigned.Features.Updates;

/// <summary>
/// The counts a petition works towards. Reached milestones are history and stay; the upcoming ones are replaced
/// by the list typed here. Admins, and organizers of the lead organization.
/// </summary>
[Authorize(Policy = StaffPolicies.Organizers)]
[FormSizeLimit(16 * 1024)]
public sealed class MilestonesModel(UndersignedDb db) : PageModel
{
    [BindProperty]
    public string? Upcoming { get; set; }

    public Petition Petition { get; private set; } = null!;
    public IReadOnlyList<Milestone> Reached { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, bool saved, CancellationToken ct)
    {
        Saved = saved;
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        var upcoming = await db.Milestones.Where(m => m.PetitionId == Petition.Id && m.ReachedAt == null)
            .OrderBy(m => m.Count).Select(m => m.Count).ToListAsync(ct);
        // A first visit suggests the usual steps: 1,000, 10,000 and the goal.
        var shown = upcoming.Count == 0 && Reached.Count == 0
            ? [.. new[] { 1_000, 10_000, Petition.Goal }.Where(c => c > 0).Distinct().Order()]
            : upcoming;
        Upcoming = string.Join('\n', shown.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        var (counts, error) = MilestoneRules.Parse(Upcoming);
        if (counts is null)
        {
            ModelState.AddModelError(nameof(Upcoming), error!);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Only milestones not yet reached go; one reached meanwhile is kept by the condition.
        await db.Milestones.Where(m => m.PetitionId == Petition.Id && m.ReachedAt == null && !counts.Contains(m.Count))
            .ExecuteDeleteAsync(ct);
        foreach (var count in counts)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO milestones (petition_id, "count") VALUES ({Petition.Id}, {count})
                ON CONFLICT (petition_id, "count") DO NOTHING
                """, ct);
        }
        await transaction.CommitAsync(ct);
        return RedirectToPage(new { slug, saved = true });
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        var (petition, refusal) = await this.FindToRunAsync(db, slug, ct);
        if (petition is null)
        {
            return refusal;
        }
        Petition = petition;
        Reached = await db.Milestones.AsNoTracking().Where(m => m.PetitionId == petition.Id && m.ReachedAt != null)
            .OrderBy(m => m.Count).ToListAsync(ct);
        return null;
    }
}
