using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Undersigned.Web;

namespace Undersigned.Features.Updates;

/// <summary>
/// Where the unsubscribe link in an update's text leads: opening it changes nothing (mail scanners open links),
/// the button does. A link this app did not make answers 404 with a page that says so.
/// </summary>
public sealed class UnsubscribeModel(UnsubscribeLinks links, Unsubscribing unsubscribing) : PageModel
{
    /// <summary>Null when the link is valid but its signature is gone: there is nothing left to send to.</summary>
    public Subscription? Subscription { get; private set; }

    public bool ValidLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            return Page();
        }
        await unsubscribing.UnsubscribeAsync(Subscription!.SignatureId, ct);
        return RedirectToPage(new { token });
    }

    /// <summary>True when there is a subscription to act on; sets the answer's status when the link is bad.</summary>
    private async Task<bool> LoadAsync(string token, CancellationToken ct)
    {
        Response.SetNoStore();
        var signatureId = links.SignatureOf(token);
        ValidLink = signatureId is not null;
        if (signatureId is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }
        Subscription = await unsubscribing.FindAsync(signatureId.Value, ct);
        return Subscription is not null;
    }
}
