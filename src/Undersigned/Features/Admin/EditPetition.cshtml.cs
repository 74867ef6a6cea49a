using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Staff;
using Undersigned.Features.Petitions;
using Undersigned.Storage;
using Undersigned.Web;

namespace Undersigned.Features.Admin;

/// <summary>
/// Writing a petition (at /admin/petitions/new, or /admin/petitions/{slug}/edit), previewing it as the public
/// page will show it, and moving it from draft to open to closed. Organizers reach only the petitions their
/// organization leads, and their new petitions are led by it; an admin chooses the lead.
/// </summary>
[Authorize(Policy = StaffPolicies.Organizers)]
[FormSizeLimit(256 * 1024)]
public sealed class EditPetitionModel(UndersignedDb db, MarkdownRenderer markdown, TimeProvider clock) : PageModel
{
    [BindProperty]
    public PetitionForm Form { get; set; } = new();

    /// <summary>The stored petition; null while creating one.</summary>
    public Petition? Petition { get; private set; }

    /// <summary>The body as the public page would show it, after the Preview button.</summary>
    public IHtmlContent? Preview { get; private set; }

    /// <summary>Organizations an admin may choose as the lead of a new petition.</summary>
    public List<OrganizationChoice> Leads { get; private set; } = [];

    public bool Saved => Request.Query.ContainsKey("saved");

    public async Task<IActionResult> OnGetAsync(string? slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        Form = Petition is null
            ? new PetitionForm { Goal = "1000", CountingPolicy = nameof(CountingPolicy.OnConfirmation), PartnerOptIns = nameof(PartnerOptInOffer.ReferringOrganization) }
            : PetitionForm.From(Petition);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        var (values, errors) = PetitionRules.Check(Form, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), Petition?.EndsAt);
        var lead = Petition is null ? await LeadAsync(errors, ct) : null;
        if (values is not null && Petition is { Status: not PetitionStatus.Draft } && values.Slug != Petition.Slug)
        {
            errors.Add((nameof(Form.Slug), "A published petition keeps its address, because links to it are already shared."));
        }
        if (values is not null && await db.Petitions.AnyAsync(p => p.Slug == values.Slug && p.Id != (Petition == null ? 0 : Petition.Id), ct))
        {
            errors.Add((nameof(Form.Slug), DuplicateSlug));
        }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        var petition = Petition ?? NewPetition(lead!);
        values!.ApplyTo(petition);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another petition took the slug between the check and the save.
            if (Petition is not null)
            {
                await db.Entry(Petition).ReloadAsync(ct);
            }
            return Invalid([(nameof(Form.Slug), DuplicateSlug)]);
        }
        return Redirect(AdminPetitions.EditPath(petition.Slug) + "?saved");
    }

    public async Task<IActionResult> OnPostPreviewAsync(string? slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        Preview = markdown.Render(Form.Body ?? "");
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(string? slug, CancellationToken ct) =>
        MoveAsync(slug, PetitionStatus.Draft, PetitionStatus.Open, ct);

    public Task<IActionResult> OnPostCloseAsync(string? slug, CancellationToken ct) =>
        MoveAsync(slug, PetitionStatus.Open, PetitionStatus.Closed, ct);

    private const string DuplicateSlug = "Another petition already has this address. Choose another.";

    /// <summary>One step of draft → open → closed; a petition not in the expected state is a conflict (409).</summary>
    private async Task<IActionResult> MoveAsync(string? slug, PetitionStatus from, PetitionStatus to, CancellationToken ct)
    {
        if (slug is null)
        {
            return NotFound(); // the new-petition form has nothing to publish yet
        }
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        // Closing starts the retention clock (docs/privacy.md).
        DateTime? closedAt = to == PetitionStatus.Closed ? DateTime.UtcNow : null;
        var moved = await db.Petitions.Where(p => p.Id == Petition!.Id && p.Status == from)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.Status, to).SetProperty(x => x.ClosedAt, x => closedAt ?? x.ClosedAt), ct);
        return moved == 1 ? Redirect(AdminPetitions.EditPath(slug)) : StatusCode(StatusCodes.Status409Conflict);
    }

    /// <summary>Reads the petition (none for a new one) and the page's choices; a refusal when the user may not.</summary>
    private async Task<IActionResult?> LoadAsync(string? slug, CancellationToken ct)
    {
        if (slug is null)
        {
            if (User.IsAdmin())
            {
                Leads = await db.Organizations.OrderBy(o => o.Name).Select(o => new OrganizationChoice(o.Slug, o.Name)).ToListAsync(ct);
                return null;
            }
            return User.OrganizationSlug() is null ? Forbid() : null;
        }
        Petition = await db.FindPetitionAsync(slug, ct);
        if (Petition is null)
        {
            return NotFound();
        }
        return User.MayRunPetitionLedBy(Petition.LeadSlug()) ? null : Forbid();
    }

    private async Task<Organization?> LeadAsync(List<(string, string)> errors, CancellationToken ct)
    {
        var slug = User.IsAdmin() ? Form.Lead : User.OrganizationSlug();
        var lead = slug is null ? null : await db.Organizations.SingleOrDefaultAsync(o => o.Slug == slug, ct);
        if (lead is null)
        {
            errors.Add((nameof(Form.Lead), "Choose the organization that leads this petition."));
        }
        return lead;
    }

    private Petition NewPetition(Organization lead)
    {
        var petition = new Petition
        {
            Slug = "", Title = "", TargetName = "", Summary = "", Body = "",
            Status = PetitionStatus.Draft,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        petition.Sponsorships.Add(new Sponsorship { Organization = lead, Role = SponsorRole.Lead, MayDownloadSigners = true });
        db.Petitions.Add(petition);
        return petition;
    }

    private PageResult Invalid(IEnumerable<(string Field, string Message)> errors)
    {
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError($"{nameof(Form)}.{field}", message);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
