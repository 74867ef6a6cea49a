using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Petitions;
using Undersigned.Features.Shared;
using Undersigned.Features.Staff;

namespace Undersigned.Features.Paper;

/// <summary>
/// One paper batch. Staged: the preview of every row (errors per line, repeats of signers, what would be imported)
/// with Import and Discard. Imported: what it added, and Undo with a reason.
/// </summary>
[Authorize(Policy = StaffPolicies.Organizers)]
public sealed class BatchModel(UndersignedDb db, PaperImports imports) : PageModel
{
    public const int ReasonMax = 1000;

    public Petition Petition { get; private set; } = null!;
    public PaperBatch Batch { get; private set; } = null!;
    public IReadOnlyList<OrganizationRef> Sponsors { get; private set; } = [];
    public PaperPreview? Preview { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, long batch, CancellationToken ct) =>
        await LoadAsync(slug, batch, ct) ?? Page();

    /// <summary>A POST naming none of the page's forms (or one it does not have).</summary>
    public IActionResult OnPost() => BadRequest();

    public async Task<IActionResult> OnPostImportAsync(string slug, long batch, CancellationToken ct)
    {
        if (await LoadAsync(slug, batch, ct) is { } refusal)
        {
            return refusal;
        }
        var added = Batch.Sheet is null ? null : imports.Import(Petition, Batch.Id, User.StaffEmail());
        Done = added is { } n
            ? $"Imported {n:N0} signature{(n == 1 ? "" : "s")} from paper; they count now."
            : "Nothing was imported: the batch was imported or discarded already, or its rows no longer pass.";
        return Redirect(PaperPaths.Batch(Petition.Slug, Batch.Id));
    }

    public async Task<IActionResult> OnPostDiscardAsync(string slug, long batch, CancellationToken ct)
    {
        if (await LoadAsync(slug, batch, ct) is { } refusal)
        {
            return refusal;
        }
        Done = await imports.DiscardAsync(Petition, Batch.Id, ct)
            ? $"Discarded batch {Batch.Id}: its sheet is deleted and nothing was imported."
            : "That batch was imported already; undo it instead.";
        return Redirect(PaperPaths.Batches(Petition.Slug));
    }

    public async Task<IActionResult> OnPostUndoAsync(string slug, long batch, [FromForm] string? reason, CancellationToken ct)
    {
        if (await LoadAsync(slug, batch, ct) is { } refusal)
        {
            return refusal;
        }
        if (Batch.Sheet is not null)
        {
            return BadRequest(); // a staged batch offers Discard, not Undo
        }
        var cleaned = FormText.Clean(reason);
        var problem = cleaned is null ? "Say why, for the moderation log." : FormText.Problem(cleaned, ReasonMax, multiline: true);
        if (problem is not null)
        {
            ModelState.AddModelError("reason", problem);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var removed = await imports.UndoAsync(Petition, Batch.Id, User.StaffEmail(), cleaned!, ct);
        Done = removed is { } n
            ? $"Undid batch {Batch.Id}: {n:N0} signature{(n == 1 ? "" : "s")} removed from the petition and its count."
            : "That batch was undone already.";
        return Redirect(PaperPaths.Batch(Petition.Slug, Batch.Id));
    }

    private async Task<IActionResult?> LoadAsync(string slug, long id, CancellationToken ct)
    {
        var (petition, refusal) = await this.FindToRunAsync(db, slug, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        Petition = petition!;
        var batch = await db.PaperBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.PetitionId == Petition.Id, ct);
        if (batch is null)
        {
            return NotFound();
        }
        Batch = batch;
        Sponsors = PaperImports.Sponsors(Petition);
        if (HttpMethods.IsGet(Request.Method) && Batch.Sheet is not null)
        {
            Preview = imports.Preview(Petition, Batch);
        }
        return null;
    }
}
