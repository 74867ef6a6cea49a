using Undersigned.Data;

namespace Undersigned.Features.Signing;

/// <summary>
/// One validated signature on its way to the database, with what the petition's rules say about it, the link that
/// brought the signer, and the organizations they agreed to share their name and email with (on the page
/// <paramref name="Page"/>). Consents are kept only with a new signature: a second submission with someone's
/// address cannot hand that person to an organization.
/// </summary>
public sealed record SignatureRequest(int PetitionId, CountingPolicy Policy, ValidSignature Signature, string Locale,
    Review? Review = null, Referral? Referral = null, IReadOnlyList<PartnerConsent>? Consents = null, string? Page = null);
