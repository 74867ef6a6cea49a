using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Staff;
using Undersigned.Storage;
using Undersigned.Web;

namespace Undersigned.Features.Admin;

/// <summary>
/// An organization's name, website, description and logo (at /admin/organizations/new, or .../{slug}/edit).
/// The slug is set once: staff sign-ins and partners' tracked links carry it, so renaming it would move them.
/// </summary>
[Authorize(Policy = StaffPolicies.Admin)]
[FormSizeLimit(FormLimit)]
public sealed class EditOrganizationModel(UndersignedDb db, TimeProvider clock) : PageModel
{
    /// <summary>Bytes the form may take: the largest logo and the text fields; a bigger request is refused with 413.</summary>
    public const int FormLimit = LogoImage.MaxBytes + 64 * 1024;

    [BindProperty]
    public OrganizationForm Form { get; set; } = new();

    [BindProperty]
    public IFormFile? Logo { get; set; }

    /// <summary>The stored organization; null while creating one.</summary>
    public Organization? Organization { get; private set; }

    public bool Saved => Request.Query.ContainsKey("saved");

    public async Task<IActionResult> OnGetAsync(string? slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        Form = Organization is null ? new() : OrganizationForm.From(Organization);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        var organization = Organization ?? new Organization { Slug = "", Name = "" };
        var errors = OrganizationRules.Check(Form, organization, isNew: Organization is null);
        LogoImage? logo = null;
        if (Logo is not null)
        {
            (logo, var logoError) = await LogoImage.ReadAsync(Logo, ct);
            if (logoError is not null)
            {
                errors.Add((nameof(Logo), logoError));
            }
        }
        if (Organization is null && errors.Count == 0 && await db.Organizations.AnyAsync(o => o.Slug == organization.Slug, ct))
        {
            errors.Add(("Slug", DuplicateSlug));
        }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        try
        {
            await SaveAsync(organization, logo, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Invalid([("Slug", DuplicateSlug)]);
        }
        return Redirect($"/admin/organizations/{Uri.EscapeDataString(organization.Slug)}/edit?saved");
    }

    private const string DuplicateSlug = "Another organization already has this address. Choose another.";

    /// <summary>The organization and its logo in one transaction, so a logo is never stored without its version.</summary>
    private async Task SaveAsync(Organization organization, LogoImage? logo, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (Organization is null)
        {
            db.Organizations.Add(organization);
            await db.SaveChangesAsync(ct);
        }
        if (logo is not null)
        {
            var stored = await db.OrganizationLogos.FindAsync([organization.Id], ct);
            if (stored is null)
            {
                db.OrganizationLogos.Add(new OrganizationLogo { OrganizationId = organization.Id, Content = logo.Png, ContentType = "image/png", Width = logo.Width, Height = logo.Height });
            }
            else
            {
                (stored.Content, stored.ContentType, stored.Width, stored.Height) = (logo.Png, "image/png", logo.Width, logo.Height);
            }
            // Whole milliseconds: both databases store them exactly, so the version in the logo's URL round-trips.
            var now = clock.GetUtcNow().UtcDateTime;
            organization.LogoUpdatedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task<IActionResult?> LoadAsync(string? slug, CancellationToken ct)
    {
        if (slug is null)
        {
            return null;
        }
        Organization = await db.Organizations.SingleOrDefaultAsync(o => o.Slug == slug, ct);
        return Organization is null ? NotFound() : null;
    }

    private PageResult Invalid(IEnumerable<(string Field, string Message)> errors)
    {
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field == nameof(Logo) ? field : $"{nameof(Form)}.{field}", message);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
