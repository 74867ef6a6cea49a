using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Moderation;

/// <summary>
/// A set of one petition's signatures described by staff, for a dry run and an invalidation. Every criterion
/// given must match (AND); at least one is required. Patterns take <c>*</c> for any run of characters and are
/// matched without regard to case. The names are the invalidation form's fields and query parameters
/// (<c>/admin/petitions/{slug}/invalidate?EmailDomain=example.net</c>), so an alert can link to a filled-in form.
/// </summary>
public sealed record SignatureCriteria
{
    /// <summary>The part after the @ of the normalized address, exactly ("mailinator.com").</summary>
    public string? EmailDomain { get; init; }

    /// <summary>A pattern over the whole normalized address ("promo*@example.net").</summary>
    public string? EmailPattern { get; init; }

    /// <summary>A pattern over "first last" ("john smith*").</summary>
    public string? NamePattern { get; init; }

    /// <summary>The postal code, or its beginning ("606" for Chicago's 606xx).</summary>
    public string? PostalCodePrefix { get; init; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; init; }

    /// <summary>The source code the signer came with, exactly ("daily-kos.newsletter", "paper").</summary>
    public string? Source { get; init; }

    /// <summary>The slug of the organization credited with the signature.</summary>
    public string? Partner { get; init; }

    /// <summary>Signed at or after (UTC).</summary>
    public DateTime? SignedFrom { get; init; }

    /// <summary>Signed before (UTC).</summary>
    public DateTime? SignedTo { get; init; }

    public string? BurstId { get; init; }

    public SignatureStatus? Status { get; init; }

    public bool IsEmpty => this == Empty;

    public static readonly SignatureCriteria Empty = new();

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SignatureCriteria FromJson(string json) => JsonSerializer.Deserialize<SignatureCriteria>(json, Json) ?? Empty;

    /// <summary>The criteria in words, for the moderation log and the page ("email domain mailinator.com, country US").</summary>
    public string Describe() => string.Join(", ", Parts());

    private IEnumerable<string> Parts()
    {
        if (EmailDomain is not null) yield return $"email domain {EmailDomain}";
        if (EmailPattern is not null) yield return $"address like {EmailPattern}";
        if (NamePattern is not null) yield return $"name like {NamePattern}";
        if (PostalCodePrefix is not null) yield return $"postal code starting {PostalCodePrefix}";
        if (Country is not null) yield return $"country {Country}";
        if (Source is not null) yield return $"source {Source}";
        if (Partner is not null) yield return $"partner {Partner}";
        if (SignedFrom is not null) yield return $"signed from {SignedFrom:yyyy-MM-dd HH:mm} UTC";
        if (SignedTo is not null) yield return $"signed before {SignedTo:yyyy-MM-dd HH:mm} UTC";
        if (BurstId is not null) yield return $"burst {BurstId}";
        if (Status is not null) yield return $"status {Status}";
    }

    /// <summary>
    /// The signatures of <paramref name="petitionId"/> that match, among those an invalidation may change
    /// (pending, counted, held). Translates to SQL on both databases.
    /// </summary>
    public IQueryable<Signature> Apply(UndersignedDb db, int petitionId)
    {
        var changeable = new[] { SignatureStatus.Pending, SignatureStatus.Counted, SignatureStatus.Held };
        var q = db.Signatures.Where(s => s.PetitionId == petitionId && changeable.Contains(s.Status));
        if (EmailDomain is { } domain)
        {
            var suffix = "@" + domain.ToLowerInvariant();
            q = q.Where(s => s.NormalizedEmail.EndsWith(suffix));
        }
        if (EmailPattern is { } email)
        {
            var like = Like(email.ToLowerInvariant());
            q = q.Where(s => EF.Functions.Like(s.NormalizedEmail, like, "\\"));
        }
        if (NamePattern is { } name)
        {
            var like = Like(name.ToLowerInvariant());
            q = q.Where(s => EF.Functions.Like((s.FirstName + " " + s.LastName).ToLower(), like, "\\"));
        }
        if (PostalCodePrefix is { } postal)
        {
            var like = Like(postal.ToUpperInvariant()) + "%";
            q = q.Where(s => s.PostalCode != null && EF.Functions.Like(s.PostalCode.ToUpper(), like, "\\"));
        }
        if (Country is { } country)
        {
            var code = country.ToUpperInvariant();
            q = q.Where(s => s.Country == code);
        }
        if (Source is { } source)
        {
            q = q.Where(s => s.Source == source);
        }
        if (Partner is { } partner)
        {
            q = q.Where(s => db.Organizations.Any(o => o.Id == s.SourceOrganizationId && o.Slug == partner));
        }
        if (SignedFrom is { } from)
        {
            q = q.Where(s => s.CreatedAt >= from);
        }
        if (SignedTo is { } to)
        {
            q = q.Where(s => s.CreatedAt < to);
        }
        if (BurstId is { } burst)
        {
            q = q.Where(s => s.BurstId == burst);
        }
        if (Status is { } status)
        {
            q = q.Where(s => s.Status == status);
        }
        return q;
    }

    /// <summary>A <c>*</c> pattern as a LIKE pattern, with LIKE's own wildcards escaped.</summary>
    private static string Like(string pattern) =>
        pattern.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_").Replace('*', '%');
}
