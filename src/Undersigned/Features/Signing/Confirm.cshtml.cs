using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Undersigned.Features.Petitions;
using Undersigned.Web;

namespace Undersigned.Features.Signing;

/// <summary>
/// Where the link in the confirmation email leads. Opening it changes nothing: corporate mail scanners open every
/// link, and someone could sign with a colleague's address. The page shows the petition and one button; only its
/// POST, with the visitor's own antiforgery token, counts, and then redirects to the confirmed page.
/// </summary>
[FormSizeLimit(4 * 1024)] // the form holds its antiforgery token and nothing else
public sealed class ConfirmModel(PetitionPages petitions, ConfirmSignature confirm) : PageModel
{
    // The redirect after the press that counted carries ?done=counted, so that page can say "confirmed" rather
    // than "already confirmed"; the wording is all it changes.
    private const string Counted = "counted";

    public PetitionDetails Petition { get; private set; } = null!;
    public ConfirmOutcome Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? token, string? done, CancellationToken ct)
    {
        // The petition as the page cache holds it (at most a second old): every link opened and pressed reads it.
        var petition = (await petitions.GetAsync(slug, ct))?.Petition;
        if (petition is null)
        {
            return NotFound();
        }
        Petition = petition;
        Outcome = await confirm.CheckAsync(petition.Id, token, ct);
        if (Outcome == ConfirmOutcome.AlreadyConfirmed && done == Counted)
        {
            Outcome = ConfirmOutcome.Confirmed;
        }
        return Answer();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string? token, CancellationToken ct)
    {
        var petition = (await petitions.GetAsync(slug, ct))?.Petition;
        if (petition is null)
        {
            return NotFound();
        }
        Outcome = await confirm.RunAsync(petition.Id, token, ct);
        if (Outcome is ConfirmOutcome.Confirmed or ConfirmOutcome.AlreadyConfirmed)
        {
            return RedirectToPage(new { slug, token, done = Outcome == ConfirmOutcome.Confirmed ? Counted : null });
        }
        Petition = petition;
        return Answer();
    }

    private PageResult Answer()
    {
        // The token is in the address; no cache keeps the page, or the antiforgery token in it.
        Response.SetNoStore();
        Response.StatusCode = Outcome switch
        {
            ConfirmOutcome.Expired => StatusCodes.Status410Gone,
            ConfirmOutcome.Invalid => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status200OK,
        };
        return Page();
    }
}
