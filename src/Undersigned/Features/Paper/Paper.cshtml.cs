using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Petitions;
using Undersigned.Features.Shared;
using Undersigned.Features.Staff;
using Undersigned.Web;

namespace Undersigned.Features.Paper;

/// <summary>
/// A petition's paper signature batches: the list of those imported, and two ways to bring in a new one, a CSV of
/// the sheets or rows typed into the form. Either way the batch is staged and previewed before anything counts.
/// </summary>
[Authorize(Policy = StaffPolicies.Organizers)]
[FormSizeLimit(FormLimit)]
public sealed class PaperModel(UndersignedDb db, PaperImports imports) : PageModel
{
    /// <summary>A sheet at the 10 MB limit and the form around it; a bigger request is refused with 413.</summary>
    public const int FormLimit = PaperSheet.MaxBytes + 1024 * 1024;

    public const int DescriptionMax = 200;

    public Petition Petition { get; private set; } = null!;
    public IReadOnlyList<OrganizationRef> Sponsors { get; private set; } = [];
    public List<BatchLine> Batches { get; private set; } = [];
    public List<BatchLine> Staged { get; private set; } = [];

    [BindProperty]
    public string? Description { get; set; }

    /// <summary>The description on the "type the rows" form.</summary>
    [BindProperty]
    public string? TypedDescription { get; set; }

    [BindProperty]
    public IFormFile? Sheet { get; set; }

    [BindProperty]
    public List<TypedRow> Rows { get; set; } = [];

    /// <summary>Which form came back with errors: "upload" or "type".</summary>
    public string? FailedForm { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ?? Page();

    /// <summary>A POST naming none of the page's forms (or one it does not have).</summary>
    public IActionResult OnPost() => BadRequest();

    public async Task<IActionResult> OnPostUploadAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        var description = CheckDescription(nameof(Description), Description);
        byte[]? bytes = null;
        if (Sheet is null || Sheet.Length == 0)
        {
            ModelState.AddModelError(nameof(Sheet), "Choose the CSV file of the sheets.");
        }
        else if (Sheet.Length > PaperSheet.MaxBytes)
        {
            ModelState.AddModelError(nameof(Sheet), "The file is larger than 10 MB: split the batch into smaller sheets.");
        }
        else
        {
            bytes = new byte[Sheet.Length];
            await using (var stream = Sheet.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, ct);
            }
            // The file and its columns are checked here, so a staged batch always reads; its rows, in the preview.
            if ((PaperSheet.CheckBytes(bytes) ?? PaperSheet.Read(bytes, Sponsors, static (_, _, _) => { })) is { } problem)
            {
                ModelState.AddModelError(nameof(Sheet), problem);
            }
        }
        return await StageOrRefuseAsync("upload", description, bytes, ct);
    }

    public async Task<IActionResult> OnPostTypeAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        var description = CheckDescription(nameof(TypedDescription), TypedDescription);
        if (Rows.Count > TypedRows.Shown * 10)
        {
            return BadRequest();
        }
        if (Rows.All(r => r.IsBlank))
        {
            ModelState.AddModelError("Rows", "Type at least one signer's row.");
        }
        var bytes = await TypedRows.ToSheetAsync(Rows, Sponsors.Select(s => s.Slug).ToList());
        return await StageOrRefuseAsync("type", description, bytes, ct);
    }

    private string? CheckDescription(string field, string? typed)
    {
        var description = FormText.Clean(typed);
        var problem = description is null ? "Say where the sheets come from (a rally, a canvass, a date)."
            : FormText.Problem(description, DescriptionMax);
        if (problem is not null)
        {
            ModelState.AddModelError(field, problem);
        }
        return description;
    }

    private async Task<IActionResult> StageOrRefuseAsync(string form, string? description, byte[]? bytes, CancellationToken ct)
    {
        if (!ModelState.IsValid || description is null || bytes is null)
        {
            FailedForm = form;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var id = await imports.StageAsync(Petition, description, bytes, User.StaffEmail(), ct);
        return Redirect(PaperPaths.Batch(Petition.Slug, id));
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        var (petition, refusal) = await this.FindToRunAsync(db, slug, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        Petition = petition!;
        Sponsors = PaperImports.Sponsors(Petition);
        var batches = await db.PaperBatches.AsNoTracking().Where(b => b.PetitionId == Petition.Id)
            .OrderByDescending(b => b.Id)
            .Select(b => new BatchLine(b.Id, b.Description, b.ImportedBy, b.ImportedAt, b.Rows, b.UndoneAt, b.Sheet != null))
            .ToListAsync(ct);
        Batches = batches.Where(b => !b.IsStaged).ToList();
        Staged = batches.Where(b => b.IsStaged).ToList();
        while (Rows.Count < TypedRows.Shown)
        {
            Rows.Add(new TypedRow { Country = Rows.Count == 0 || Rows[^1].Country is null ? "US" : Rows[^1].Country });
        }
        return null;
    }
}

/// <summary>A batch in the list: when staged, <see cref="By"/> and <see cref="At"/> are who uploaded it and when.</summary>
public sealed record BatchLine(long Id, string Description, string By, DateTime At, int Rows, DateTime? UndoneAt, bool IsStaged);

/// <summary>The paper pages' addresses.</summary>
public static class PaperPaths
{
    public static string Batches(string slug) => $"/admin/petitions/{Uri.EscapeDataString(slug)}/paper";

    public static string Batch(string slug, long id) =>
        FormattableString.Invariant($"/admin/petitions/{Uri.EscapeDataString(slug)}/paper/{id}");
}
