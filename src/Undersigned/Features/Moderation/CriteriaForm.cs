using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Undersigned.Data;
using Undersigned.Features.Shared;

namespace Undersigned.Features.Moderation;

/// <summary>
/// The invalidation form's criteria as typed (strings, so a bad value comes back as typed with its error beside
/// it); <see cref="Read"/> checks them and gives the <see cref="SignatureCriteria"/>. The field names are the
/// criteria's property names, in the query string of a dry run as in the form.
/// </summary>
public sealed partial class CriteriaForm
{
    public const int PatternMax = SignatureLimits.Email;

    public string? EmailDomain { get; set; }
    public string? EmailPattern { get; set; }
    public string? NamePattern { get; set; }
    public string? PostalCodePrefix { get; set; }
    public string? Country { get; set; }
    public string? Source { get; set; }
    public string? Partner { get; set; }
    public string? SignedFrom { get; set; }
    public string? SignedTo { get; set; }
    public string? BurstId { get; set; }
    public string? Status { get; set; }

    public static readonly string[] Fields =
    [
        nameof(EmailDomain), nameof(EmailPattern), nameof(NamePattern), nameof(PostalCodePrefix), nameof(Country),
        nameof(Source), nameof(Partner), nameof(SignedFrom), nameof(SignedTo), nameof(BurstId), nameof(Status),
    ];

    public static readonly SignatureStatus[] Statuses = [SignatureStatus.Pending, SignatureStatus.Counted, SignatureStatus.Held];

    public bool IsBlank => Fields.All(f => FormText.Clean(Value(f)) is null);

    public string? Value(string field) => field switch
    {
        nameof(EmailDomain) => EmailDomain, nameof(EmailPattern) => EmailPattern, nameof(NamePattern) => NamePattern,
        nameof(PostalCodePrefix) => PostalCodePrefix, nameof(Country) => Country, nameof(Source) => Source,
        nameof(Partner) => Partner, nameof(SignedFrom) => SignedFrom, nameof(SignedTo) => SignedTo,
        nameof(BurstId) => BurstId, nameof(Status) => Status, _ => null,
    };

    /// <summary>The criteria, or null with the errors in <paramref name="errors"/> under the field names.</summary>
    public SignatureCriteria? Read(ModelStateDictionary errors, ISet<string> organizationSlugs)
    {
        string? Text(string field, int max)
        {
            var value = FormText.Clean(Value(field));
            if (FormText.Problem(value, max) is { } problem)
            {
                errors.AddModelError(field, problem);
                return null;
            }
            return value;
        }
        var domain = Text(nameof(EmailDomain), SignatureLimits.Email)?.TrimStart('@').ToLowerInvariant();
        if (domain is not null && !DomainShape().IsMatch(domain))
        {
            errors.AddModelError(nameof(EmailDomain), "Type a domain such as example.net, without the @ or a name.");
        }
        var country = Text(nameof(Country), 2)?.ToUpperInvariant();
        if (country is not null && !Signing.Countries.IsKnown(country))
        {
            errors.AddModelError(nameof(Country), "Type a two-letter country code, such as US.");
        }
        var partner = Text(nameof(Partner), 80);
        if (partner is not null && !organizationSlugs.Contains(partner))
        {
            errors.AddModelError(nameof(Partner), "No organization has that address (slug).");
        }
        var from = Time(nameof(SignedFrom));
        var to = Time(nameof(SignedTo));
        if (from is not null && to is not null && from >= to)
        {
            errors.AddModelError(nameof(SignedTo), "This must be after “signed from”.");
        }
        SignatureStatus? status = null;
        if (Text(nameof(Status), 16) is { } typedStatus)
        {
            if (Enum.TryParse<SignatureStatus>(typedStatus, ignoreCase: true, out var s) && Statuses.Contains(s))
            {
                status = s;
            }
            else
            {
                errors.AddModelError(nameof(Status), "Choose pending, counted or held.");
            }
        }
        var criteria = new SignatureCriteria
        {
            EmailDomain = domain,
            EmailPattern = Text(nameof(EmailPattern), PatternMax),
            NamePattern = Text(nameof(NamePattern), SignatureLimits.Name * 2 + 1),
            PostalCodePrefix = Text(nameof(PostalCodePrefix), SignatureLimits.PostalCode),
            Country = country,
            Source = Text(nameof(Source), SignatureLimits.Source),
            Partner = partner,
            SignedFrom = from,
            SignedTo = to,
            BurstId = Text(nameof(BurstId), 16),
            Status = status,
        };
        if (errors.IsValid && criteria.IsEmpty)
        {
            errors.AddModelError(nameof(EmailDomain), "Give at least one criterion: invalidating a whole petition is not possible here.");
        }
        return errors.IsValid ? criteria : null;

        DateTime? Time(string field)
        {
            var typed = Text(field, 40);
            if (typed is null)
            {
                return null;
            }
            if (DateTime.TryParse(typed, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                return DateTime.SpecifyKind(at, DateTimeKind.Utc);
            }
            errors.AddModelError(field, "Type a date and time such as 2026-05-03 14:00 (UTC).");
            return null;
        }
    }

    /// <summary>The form filled in from criteria, for a link that opens a pre-filled dry run.</summary>
    public static CriteriaForm Of(SignatureCriteria c) => new()
    {
        EmailDomain = c.EmailDomain, EmailPattern = c.EmailPattern, NamePattern = c.NamePattern,
        PostalCodePrefix = c.PostalCodePrefix, Country = c.Country, Source = c.Source, Partner = c.Partner,
        SignedFrom = c.SignedFrom?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        SignedTo = c.SignedTo?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        BurstId = c.BurstId, Status = c.Status?.ToString(),
    };

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$")]
    private static partial Regex DomainShape();
}
