using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Shared;
using Undersigned.Features.Staff;

namespace Undersigned.Features.Moderation;

/// <summary>
/// Invalidation by criteria: staff describe a set of the petition's signatures, see how many match and a sample
/// (a dry run: the form is a GET, so a link can open one filled in), then start an invalidation that runs in the
/// background with its progress shown here, and can be cancelled. An invalidation of more than
/// <see cref="ModerationOptions.OrganizerShareLimit"/> of the petition needs an admin.
/// </summary>
[Authorize(Policy = StaffPolicies.Organizers)]
public sealed class InvalidateModel(UndersignedDb db, Invalidations invalidations) : PageModel
{
    public Petition Petition { get; private set; } = null!;
    public CriteriaForm Criteria { get; private set; } = new();
    public SignatureCriteria? Read { get; private set; }
    public DryRun? Run { get; private set; }
    public bool MayStart { get; private set; }
    public List<InvalidationJob> Jobs { get; private set; } = [];
    public string? TypedReason { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] CriteriaForm criteria, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        Criteria = criteria;
        if (!criteria.IsBlank && !await DryRunAsync(ct))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(string slug, [FromForm] CriteriaForm criteria, [FromForm] string? reason,
        CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        (Criteria, TypedReason) = (criteria, reason);
        var cleaned = FormText.Clean(reason);
        var reasonProblem = cleaned is null ? "Say why, for the moderation log." : FormText.Problem(cleaned, ReviewModel.ReasonMax, multiline: true);
        if (!await DryRunAsync(ct) || reasonProblem is not null)
        {
            if (reasonProblem is not null)
            {
                ModelState.AddModelError("reason", reasonProblem);
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (Run!.Matched == 0)
        {
            ModelState.AddModelError("reason", "No signature matches these criteria now: there is nothing to invalidate.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!MayStart)
        {
            ModelState.AddModelError("reason", "This would invalidate more of the petition than an organizer may at once; ask an admin.");
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        var job = await invalidations.StartAsync(Petition.Id, Read!, Run.Matched, User.StaffEmail(), cleaned!, ct);
        Done = $"Invalidating {Run.Matched:N0} signature{(Run.Matched == 1 ? "" : "s")} in the background (job {job.Id}).";
        return Redirect($"/admin/petitions/{Petition.Slug}/invalidate#jobs");
    }

    public async Task<IActionResult> OnPostCancelAsync(string slug, [FromForm] long job, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        var cancelled = await invalidations.CancelAsync(Petition.Id, job, User.StaffEmail(), ct);
        Done = cancelled == 1 ? $"Job {job} stops after the batch it is on; what it changed stays changed."
            : $"Job {job} had already finished.";
        return Redirect($"/admin/petitions/{Petition.Slug}/invalidate#jobs");
    }

    private async Task<bool> DryRunAsync(CancellationToken ct)
    {
        var slugs = (await db.Organizations.Select(o => o.Slug).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        Read = Criteria.Read(ModelState, slugs);
        if (Read is null)
        {
            return false;
        }
        Run = await invalidations.DryRunAsync(Petition.Id, Read, ct);
        MayStart = invalidations.MayInvalidate(Run, User.IsAdmin());
        return true;
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        var (petition, refusal) = await this.FindToRunAsync(db, slug, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        Petition = petition!;
        Jobs = await invalidations.OfPetitionAsync(Petition.Id, ct);
        return null;
    }
}
