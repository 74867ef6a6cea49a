using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Undersigned.Features.Petitions;

namespace Undersigned.Features.Signing;

/// <summary>Where a signer lands after signing: the count they joined and plain links to share.</summary>
public sealed class ThanksModel(PetitionReader petitions) : PageModel
{
    public const string AlreadySigned = "already-signed";
    public const string CheckEmail = "check-email";
    public const string Resent = "resent";
    public const string RecentlySent = "recently-sent";

    /// <summary>The query value that tells this page what just happened; null for a signature counted at once.</summary>
    public static string? StatusOf(SignOutcome outcome) => outcome switch
    {
        SignOutcome.AlreadySigned => AlreadySigned,
        SignOutcome.ConfirmationSent => CheckEmail,
        SignOutcome.ConfirmationResent => Resent,
        SignOutcome.ConfirmationRecentlySent => RecentlySent,
        _ => null,
    };

    private static readonly string[] Known = [AlreadySigned, CheckEmail, Resent, RecentlySent];

    public PetitionDetails Petition { get; private set; } = null!;
    public string? Status { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? status, CancellationToken ct)
    {
        var petition = await petitions.FindPublicAsync(slug, ct);
        if (petition is null)
        {
            return NotFound();
        }
        Petition = petition;
        Status = Known.Contains(status) ? status : null;
        return Page();
    }
}
