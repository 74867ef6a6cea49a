using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Undersigned.Data;
using Undersigned.Email;
using Undersigned.Features.Petitions;

namespace Undersigned.Features.Signing;

/// <summary>
/// Asking for a new confirmation link. The answer is the same whether or not the address signed, so the page
/// cannot be used to find out who signed.
/// </summary>
public sealed class ResendModel(PetitionReader petitions, UndersignedDb db, ConfirmationRequests confirmations,
    OutboxSignal outbox, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
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
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await confirmations.RequestAgainAsync(petition.Id, normalized, clock.GetUtcNow().UtcDateTime, ct);
        await transaction.CommitAsync(ct);
        if (result == ResendResult.Sent)
        {
            outbox.Wake();
        }
        Requested = true;
        return Page();
    }
}
