using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Undersigned.Data;
using Undersigned.Features.Petitions;

namespace Undersigned.Features.Signing;

/// <summary>
/// Where a signer lands after signing: the count they joined and plain links to share. Its words hold for a first
/// signature and for an address that had signed before alike, so the page cannot tell anyone which it was.
/// </summary>
public sealed class ThanksModel(PetitionPages petitions) : PageModel
{
    public const string CheckEmail = "check-email";

    /// <summary>The query value that tells this page what to say: by the petition's counting policy, nothing else.</summary>
    public static string? StatusOf(CountingPolicy policy) => policy == CountingPolicy.OnConfirmation ? CheckEmail : null;

    public PetitionDetails Petition { get; private set; } = null!;
    public string? Status { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? status, CancellationToken ct)
    {
        // Every signer lands here: the petition as the page cache holds it, at most a second old.
        var petition = (await petitions.GetAsync(slug, ct))?.Petition;
        if (petition is null)
        {
            return NotFound();
        }
        Petition = petition;
        Status = status == CheckEmail ? status : null;
        return Page();
    }
}
