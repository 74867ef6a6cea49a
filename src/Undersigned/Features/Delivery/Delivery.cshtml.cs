using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Undersigned.Data;
using Undersigned.Features.Staff;

namespace Undersigned.Features.Delivery;

/// <summary>
/// The organizers' delivery page: download the package, then mark the petition delivered with a public note and,
/// if the target has an address, email them a link to it.
/// </summary>
[Authorize(Policy = StaffPolicies.Organizers)]
public sealed class DeliveryModel(DeliveryContents contents, DeliverPetition deliver) : PageModel
{
    public const int NoteLimit = 2000;

    public DeliverySubject Petition { get; private set; } = null!;

    public string? Done { get; private set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public bool EmailTarget { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(slug, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        var note = Note?.Trim() ?? "";
        if (note.Length == 0 || note.Length > NoteLimit)
        {
            ModelState.AddModelError(nameof(Note), note.Length == 0
                ? "Write the note that the petition page will show, e.g. where and how it was handed over."
                : $"The note can be at most {NoteLimit:N0} characters; it has {note.Length:N0}.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var outcome = await deliver.RunAsync(Petition.Id, note, EmailTarget && Petition.TargetEmail is not null, ct);
        if (outcome == DeliverPetition.Outcome.Delivered)
        {
            return RedirectToPage(new { slug, done = EmailTarget && Petition.TargetEmail is not null ? "emailed" : "delivered" });
        }
        await LoadAsync(slug, ct);
        ModelState.AddModelError(nameof(Note), outcome == DeliverPetition.Outcome.IsDraft
            ? "This petition is still a draft: publish it and collect signatures before delivering it. Nothing was changed."
            : $"This petition was already delivered on {Petition.DeliveredAt:yyyy-MM-dd}. Nothing was changed.");
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>Null when the petition exists and this staff member may deliver it; else 404 or 403.</summary>
    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        if (await contents.SubjectAsync(slug, ct) is not { } petition)
        {
            return NotFound();
        }
        if (!User.MayRunPetitionLedBy(petition.LeadSlug))
        {
            return Forbid();
        }
        Petition = petition;
        return null;
    }

    public bool CanDeliver => DeliverPetition.Deliverable.Contains(Petition.Status);
}
