using System.Globalization;
using Microsoft.Extensions.Localization;
using Undersigned.Data;
using Undersigned.Features.Petitions;

namespace Undersigned.Features.Signing;

/// <summary>What became of a sign form sent in, for the petition page to answer with.</summary>
public abstract record SignSubmission
{
    /// <summary>The petition takes no more signatures (closed or delivered): 410.</summary>
    public sealed record Closed() : SignSubmission;

    /// <summary>Fields to fix, each with its message (the English text, a translation key); nothing was stored.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : SignSubmission;

    /// <summary>Nothing was stored, and the signer should try again shortly: 503 with Retry-After.</summary>
    public sealed record Unavailable() : SignSubmission;

    /// <summary>Durable. The signer is not told which outcome it was: an address that had signed is answered alike.</summary>
    public sealed record Stored(SignOutcome Outcome) : SignSubmission;
}

/// <summary>
/// The sign form's POST, from the bound form to a durable signature: the petition's state, the rules
/// (<see cref="SignatureRules"/>), the partner link and the consents as the form offered them, the abuse review,
/// then the intake (<see cref="ISignatureIntake"/>), which answers once the signature is committed.
/// </summary>
public sealed class SignFormSubmission(ISignatureIntake intake, AbuseControl abuse, IStringLocalizer<SharedResource> text)
{
    public async Task<SignSubmission> SubmitAsync(SignForm form, PetitionDetails petition, HttpContext http, CancellationToken ct)
    {
        if (!petition.Status.AcceptsSignatures())
        {
            return new SignSubmission.Closed();
        }
        var (signature, errors) = SignatureRules.Validate(form);
        if (signature is null)
        {
            return new SignSubmission.Invalid(errors);
        }
        var referral = Referrals.Resolve(form.Source, petition.Organizations);
        var page = referral is null ? $"/p/{petition.Slug}" : $"/p/{petition.Slug}?source={Uri.EscapeDataString(referral.Source)}";
        var request = new SignatureRequest(petition.Id, petition.CountingPolicy, signature, CultureInfo.CurrentUICulture.Name,
            abuse.Assess(http.Connection.RemoteIpAddress?.ToString(), signature, form.ShownAt),
            referral, PartnerConsents.Given(PartnerConsents.Offered(petition, referral), form.ShareWith, text), page);
        try
        {
            return new SignSubmission.Stored(await intake.SubmitAsync(request, ct));
        }
        catch (IntakeUnavailableException)
        {
            return new SignSubmission.Unavailable();
        }
    }
}
