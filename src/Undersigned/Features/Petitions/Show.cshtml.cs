using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Undersigned.Data;
using Undersigned.Features.Signing;
using Undersigned.Web;

namespace Undersigned.Features.Petitions;

/// <summary>The petition page: what it asks, how far it has come, and the form to sign it.</summary>
[FormSizeLimit(SignFormLimit)]
public sealed class ShowModel(
    PetitionPages pages,
    ISignatureIntake intake,
    AbuseControl abuse,
    IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>Bytes a sign form may take: the fields at their limits fit many times over.</summary>
    public const int SignFormLimit = 32 * 1024;

    [BindProperty]
    public SignForm Form { get; set; } = new();

    public PetitionDetails Petition { get; private set; } = null!;
    public IHtmlContent Body { get; private set; } = HtmlString.Empty;
    public IReadOnlyList<PublicSigner> RecentSigners { get; private set; } = [];

    /// <summary>The server's stamp of when this form was shown, written into the form.</summary>
    public string ShownAt { get; private set; } = "";

    /// <summary>The organizations the form offers to share the signer's name and email with.</summary>
    public IReadOnlyList<OrganizationRef> ShareOffers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] string? source, CancellationToken ct)
    {
        Form.Source = source;
        if (!await LoadAsync(slug, ct))
        {
            return NotFound();
        }
        var languages = Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.ToString());
        Form.Country = Countries.DefaultFor(languages);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        // Anything but a form (JSON with the token in a header) would bind as an empty form and look like typing errors.
        if (!Request.HasFormContentType)
        {
            return StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }
        if (!await LoadAsync(slug, ct))
        {
            return NotFound();
        }
        if (!Petition.Status.AcceptsSignatures())
        {
            return StatusCode(StatusCodes.Status410Gone);
        }
        var (signature, errors) = SignatureRules.Validate(Form);
        if (signature is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError($"{nameof(Form)}.{field}", text[message]);
            }
            return Page();
        }
        var referral = Referrals.Resolve(Form.Source, Petition.Organizations);
        var request = new SignatureRequest(Petition.Id, Petition.CountingPolicy, signature, CultureInfo.CurrentUICulture.Name,
            abuse.Assess(HttpContext.Connection.RemoteIpAddress?.ToString(), signature, Form.ShownAt),
            referral, PartnerConsents.Given(ShareOffers, Form.ShareWith, text),
            referral is null ? $"/p/{slug}" : $"/p/{slug}?source={Uri.EscapeDataString(referral.Source)}");
        SignOutcome outcome;
        try
        {
            outcome = await intake.SubmitAsync(request, ct);
        }
        catch (IntakeUnavailableException)
        {
            // Nothing was stored; the signer's browser keeps the form, so trying again is one tap.
            Response.Headers.RetryAfter = "5";
            return StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        return RedirectToPage("/Signing/Thanks", new
        {
            slug,
            status = ThanksModel.StatusOf(outcome),
            culture = Request.Query["culture"].FirstOrDefault(),
        });
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        if (await pages.GetAsync(slug, ct) is not { } view)
        {
            return false;
        }
        (Petition, Body, RecentSigners) = (view.Petition, view.Body, view.RecentSigners);
        ShownAt = abuse.StampForm();
        var referral = Referrals.Resolve(Form.Source, Petition.Organizations);
        // What the form carries on is the link as understood: an unknown organization is not passed along.
        Form.Source = referral?.Source;
        ShareOffers = PartnerConsents.Offered(Petition, referral);
        return true;
    }
}
