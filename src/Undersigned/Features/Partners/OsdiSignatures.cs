using System.Text.Json.Serialization;

namespace Undersigned.Features.Partners;

/// <summary>
/// One page of consented signers in the shape of OSDI's signature collection
/// (https://opensupporter.github.io/osdi-docs/signatures.html), so a partner's CRM can read it as it reads others.
/// </summary>
public sealed record OsdiSignaturePage(
    [property: JsonPropertyName("total_records")] int TotalRecords,
    [property: JsonPropertyName("per_page")] int PerPage,
    [property: JsonPropertyName("_links")] OsdiLinks Links,
    [property: JsonPropertyName("_embedded")] OsdiEmbedded Embedded);

public sealed record OsdiLinks(
    [property: JsonPropertyName("self")] OsdiLink Self,
    [property: JsonPropertyName("next"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OsdiLink? Next);

public sealed record OsdiLink([property: JsonPropertyName("href")] string Href);

public sealed record OsdiEmbedded([property: JsonPropertyName("osdi:signatures")] IReadOnlyList<OsdiSignature> Signatures);

public sealed record OsdiSignature(
    [property: JsonPropertyName("identifiers")] IReadOnlyList<string> Identifiers,
    [property: JsonPropertyName("created_date")] string CreatedDate,
    [property: JsonPropertyName("referrer_data")] OsdiReferrer ReferrerData,
    [property: JsonPropertyName("person")] OsdiPerson Person)
{
    public static OsdiSignature From(ConsentedSigner s) => new(
        [$"undersigned:{s.Id}"],
        SignersCsv.Timestamp(s.SignedAt),
        new OsdiReferrer(s.Source),
        new OsdiPerson(s.FirstName, s.LastName, [new OsdiEmail(s.Email, true)], [new OsdiPostalAddress(s.PostalCode, s.Country)]));
}

public sealed record OsdiReferrer([property: JsonPropertyName("source")] string? Source);

public sealed record OsdiPerson(
    [property: JsonPropertyName("given_name")] string GivenName,
    [property: JsonPropertyName("family_name")] string FamilyName,
    [property: JsonPropertyName("email_addresses")] IReadOnlyList<OsdiEmail> EmailAddresses,
    [property: JsonPropertyName("postal_addresses")] IReadOnlyList<OsdiPostalAddress> PostalAddresses);

public sealed record OsdiEmail(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("primary")] bool Primary);

public sealed record OsdiPostalAddress(
    [property: JsonPropertyName("postal_code")] string? PostalCode,
    [property: JsonPropertyName("country")] string Country);
