using System.Text.Json.Serialization;

namespace Undersigned.Features.Partners;

/// <summary>
/// One page of consented signers in the shape of OSDI's signature collection
/// (https://opensupporter.github.io/osdi-docs/signatures.html), so a partner's CRM can read it as it reads others:
/// the totals, the links to this page and the next, and the signatures (<see cref="OsdiSignature"/>).
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
