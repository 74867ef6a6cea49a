using Microsoft.Extensions.Localization;
using Undersigned.Data;
using Undersigned.Features.Petitions;

namespace Undersigned.Features.Signing;

/// <summary>A box the signer ticked: this organization may have their name and email, in the words they were shown.</summary>
public sealed record PartnerConsent(int OrganizationId, string Wording);

/// <summary>
/// The "share my name and email with ..." boxes. Which organizations are offered follows the petition's setting;
/// the sentence beside each box is versioned, and the exact words shown, in the signer's language, are what the
/// consent record keeps. Change <see cref="Wording"/> only together with <see cref="Version"/>.
/// </summary>
public static class PartnerConsents
{
    public const string Wording = "Share my name and email with {0}";
    public const string Version = "partner-share/1";

    /// <summary>The organizations the form offers: the referring one (the lead without a link), or every sponsor.</summary>
    public static IReadOnlyList<OrganizationRef> Offered(PetitionDetails petition, Referral? referral) =>
        petition.PartnerOptIns == PartnerOptInOffer.EveryOrganization
            ? petition.Organizations
            : referral is not null ? [referral.Organization]
            : petition.Organizations.Where(o => o.Role == SponsorRole.Lead).Take(1).ToList();

    /// <summary>
    /// The consents in a submitted form: only boxes the form offered count, so a forged field cannot give an
    /// organization a signer it never asked.
    /// </summary>
    public static IReadOnlyList<PartnerConsent> Given(IReadOnlyList<OrganizationRef> offered, IEnumerable<string>? ticked,
        IStringLocalizer text)
    {
        var slugs = (ticked ?? []).ToHashSet(StringComparer.Ordinal);
        return offered.Where(o => slugs.Contains(o.Slug))
            .Select(o => new PartnerConsent(o.Id, text[Wording, o.Name].Value))
            .ToList();
    }

    public static readonly string[] ConsentColumns =
        ["signature_id", "petition_id", "organization_id", "action", "wording", "wording_version", "page", "locale", "recorded_at"];

    public static readonly string[] OptInColumns = ["signature_id", "organization_id", "petition_id", "granted_at"];

    /// <summary>
    /// The consent records (<see cref="ConsentColumns"/>) and standing opt-ins (<see cref="OptInColumns"/>) of a new
    /// signature, added to the batch's lists; the batch writer inserts each list in one statement.
    /// </summary>
    public static void AddRows(List<object?[]> consents, List<object?[]> optIns, long signatureId, SignatureRequest request,
        DateTime now)
    {
        foreach (var consent in request.Consents ?? [])
        {
            consents.Add([
                signatureId, request.PetitionId, consent.OrganizationId, nameof(ConsentAction.Granted), consent.Wording,
                Version, request.Page ?? "", request.Locale, now,
            ]);
            optIns.Add([signatureId, consent.OrganizationId, request.PetitionId, now]);
        }
    }
}
