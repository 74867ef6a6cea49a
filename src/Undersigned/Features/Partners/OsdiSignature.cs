using System.Text.Json.Serialization;

namespace Undersigned.Features.Partners;

/// <summary>
/// One consented signer as OSDI writes a signature (https://opensupporter.github.io/osdi-docs/signatures.html):
/// the signature's own fields, the link that brought the signer, and the person with their email and postal code.
/// </summary>
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
