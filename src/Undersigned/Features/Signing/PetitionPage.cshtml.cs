using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Undersigned.Data;
using Undersigned.Features.Petitions;
using Undersigned.Web;

namespace Undersigned.Features.Signing;

/// <summary>
/// The petition page: what it asks, how far it has come, and the form to sign it. Its POST is the sign form's;
/// <see cref="SignFormSubmission"/> does the signing, and the page turns what became of it into an answer.
/// </summary>
[FormSizeLimit(SignFormLimit)]
[PerVisitorForm]
public sealed class PetitionPageModel(PetitionPages pages, SignFormSubmission submission, IStringLocalizer<SharedResource> text)
    : PageModel
{
    /// <summary>Bytes a sign form may take: the fields at their limits fit many times over.</summary>
    public const int SignFormLimit = 32 * 1024;

    [BindProperty]
    public SignForm Form { get; set; } = new();

    public PetitionDetails Petition { get; private set; } = null!;
    public IHtmlContent Body { get; private set; } = HtmlString.Empty;
    public IReadOnlyList<PublicSigner> RecentSigners { get; private set; } = [];

    /// <summary>The organizations the form offers to share the signer's name and email with.</summary>
    public IReadOnlyList<OrganizationRef> ShareOffers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] string? source, CancellationToken ct)
    {
        Form.Source = source;
        if (await LoadAsync(slug, ct) is not { } view)
        {
            return NotFound();
        }
        Form.Country = Countries.DefaultFor(Request);
        // Nothing on this page is the visitor's own (their token and stamp are spliced in), so it may be shared with
        // every visitor of the same link; PetitionPageCache keeps it only if the link was taken as written.
        HttpContext.Items[PetitionPageCache.FreshUntil] = view.FreshUntil;
        HttpContext.Items[PetitionPageCache.RenderedSource] = Form.Source;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        // Anything but a form (JSON with the token in a header) would bind as an empty form and look like typing errors.
        if (!Request.HasFormContentType)
        {
            return StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }
        if (await LoadAsync(slug, ct) is null)
        {
            return NotFound();
        }
        switch (await submission.SubmitAsync(Form, Petition, HttpContext, ct))
        {
            case SignSubmission.Closed:
                return StatusCode(StatusCodes.Status410Gone);
            case SignSubmission.Invalid(var errors):
                foreach (var (field, message) in errors)
                {
                    ModelState.AddModelError($"{nameof(Form)}.{field}", text[message]);
                }
                // The form again with what was typed and each error beside its field, as a refusal: nothing was stored.
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case SignSubmission.Unavailable:
                // Nothing was stored; the signer's browser keeps the form, so trying again is one tap.
                Response.Headers.RetryAfter = "5";
                return StatusCode(StatusCodes.Status503ServiceUnavailable);
            default:
                // The answer depends on the petition alone, never on the outcome: an address that had signed is
                // answered as a first signature, and only an email to that address tells its owner more.
                return RedirectToPage("/Signing/Thanks", new
                {
                    slug,
                    status = ThanksModel.StatusOf(Petition.CountingPolicy),
                    culture = Request.Query["culture"].FirstOrDefault(),
                });
        }
    }

    private async Task<PetitionPageView?> LoadAsync(string slug, CancellationToken ct)
    {
        if (await pages.GetAsync(slug, ct) is not { } view)
        {
            return null;
        }
        (Petition, Body, RecentSigners) = (view.Petition, view.Body, view.RecentSigners);
        var referral = Referrals.Resolve(Form.Source, Petition.Organizations);
        // What the form carries on is the link as understood: an unknown organization is not passed along.
        Form.Source = referral?.Source;
        ShareOffers = PartnerConsents.Offered(Petition, referral);
        return view;
    }
}
