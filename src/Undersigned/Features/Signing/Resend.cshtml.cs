using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Undersigned.Data;
using Undersigned.Features.Petitions;

namespace Undersigned.Features.Signing;

/// <summary>
/// Asking for a new confirmation link. The answer is the same whether or not the address signed, and so is the
/// work done before it (one address request stored), so neither the page nor its timing tells anyone who signed.
/// </summary>
public sealed class ResendModel(PetitionReader petitions, UndersignedDb db, AddressRequestResolver addressRequests,
    TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public PetitionDetails Petition { get; private set; } = null!;
    public bool Requested { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var petition = await petitions.FindPublicAsync(slug, ct);
        if (petition is null)
        {
            return NotFound();
        }
        Petition = petition;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        var petition = await petitions.FindPublicAsync(slug, ct);
        if (petition is null)
        {
            return NotFound();
        }
        Petition = petition;
        var (normalized, error) = EmailAddresses.Read(Email);
        if (normalized is null)
        {
            ModelState.AddModelError(nameof(Email), text[error!]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await AddressRequests.AddAsync(db, petition.Id, AddressRequestPurpose.ConfirmationLink, normalized,
            clock.GetUtcNow().UtcDateTime, ct);
        addressRequests.Wake();
        Requested = true;
        return Page();
    }
}
