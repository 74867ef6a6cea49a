using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Undersigned.Data;
using Undersigned.Features.Staff;
using Undersigned.Web;

namespace Undersigned.Features.Partners;

/// <summary>An organization's partner API keys: create one (its secret shown this once), list them, revoke one.</summary>
[Authorize(Policy = StaffPolicies.AnyStaff)]
public sealed class KeysModel(UndersignedDb db, ApiKeys keys) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Name the key, for example after the system that will use it."), MaxLength(100)]
    public string? Name { get; set; }

    public PartnerOrganization Organization { get; private set; } = null!;
    public IReadOnlyList<ApiKeyListing> Keys { get; private set; } = [];

    /// <summary>The whole key, only in the answer to the form that created it.</summary>
    public string? CreatedKey { get; private set; }

    public async Task<IActionResult> OnGetAsync(string org, CancellationToken ct) =>
        await LoadAsync(org, ct) ?? Page();

    public async Task<IActionResult> OnPostCreateAsync(string org, CancellationToken ct)
    {
        if (await LoadAsync(org, ct) is { } refused)
        {
            return refused;
        }
        if (!ModelState.IsValid || string.IsNullOrWhiteSpace(Name))
        {
            ModelState.TryAddModelError(nameof(Name), "Name the key, for example after the system that will use it.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var by = User.StaffEmail();
        CreatedKey = await keys.CreateAsync(Organization.Id, Name.Trim(), by, ct);
        Name = null;
        ModelState.Clear();
        Keys = await keys.ListAsync(Organization.Id, ct);
        Response.SetNoStore();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string org, int id, CancellationToken ct)
    {
        if (await LoadAsync(org, ct) is { } refused)
        {
            return refused;
        }
        return await keys.RevokeAsync(Organization.Id, id, ct) ? RedirectToPage(new { org }) : NotFound();
    }

    /// <summary>Null when the page may be shown; otherwise the refusal (404 unknown organization, 403 someone else's).</summary>
    private async Task<IActionResult?> LoadAsync(string org, CancellationToken ct)
    {
        if (await PartnerOrganization.FindAsync(db, org, ct) is not { } found)
        {
            return NotFound();
        }
        if (!User.MayActFor(found.Slug))
        {
            return Forbid();
        }
        Organization = found;
        Keys = await keys.ListAsync(found.Id, ct);
        return null;
    }
}
