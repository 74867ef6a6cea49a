using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Undersigned.Data;
using Undersigned.Features.Petitions;
using Undersigned.Features.Signing;

namespace Undersigned.Features.Manage;

/// <summary>
/// Lost the manage link? An address gets a new one by email. The answer is the same whether or not the address
/// signed, and so is the work done before it (one address request stored), so neither the page nor its timing
/// tells anyone who signed.
/// </summary>
public sealed class LostLinkModel(PetitionReader petitions, UndersignedDb db, AddressRequestResolver addressRequests,
    TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public PetitionDetails Petition { get; private set; } = null!;
    public bool Requested { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) =>
        await LoadAsync(slug, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct))
        {
            return NotFound();
        }
        var (normalized, error) = EmailAddresses.Read(Email);
        if (normalized is null)
        {
            ModelState.AddModelError(nameof(Email), text[error!]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await AddressRequests.AddAsync(db, Petition.Id, AddressRequestPurpose.ManageLink, normalized,
            clock.GetUtcNow().UtcDateTime, ct);
        addressRequests.Wake();
        Requested = true;
        return Page();
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        var petition = await petitions.FindPublicAsync(slug, ct);
        Petition = petition!;
        return petition is not null;
    }
}
