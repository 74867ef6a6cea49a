using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Undersigned.Features.Petitions;

namespace Undersigned.Features.Signing;

/// <summary>Where the link in the confirmation email leads. Opening it is safe to repeat.</summary>
public sealed class ConfirmModel(PetitionReader petitions, ConfirmSignature confirm) : PageModel
{
    public PetitionDetails Petition { get; private set; } = null!;
    public ConfirmOutcome Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? token, CancellationToken ct)
    {
        var petition = await petitions.FindPublicAsync(slug, ct);
        if (petition is null)
        {
            return NotFound();
        }
        Outcome = await confirm.RunAsync(petition.Id, token, ct);
        // Read after confirming, so the signer sees the count that includes them.
        Petition = await petitions.FindPublicAsync(slug, ct) ?? petition;
        Response.StatusCode = Outcome switch
        {
            ConfirmOutcome.Expired => StatusCodes.Status410Gone,
            ConfirmOutcome.Invalid => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status200OK,
        };
        return Page();
    }
}
