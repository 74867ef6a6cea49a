using System.Text.RegularExpressions;
using Undersigned.Features.Petitions;

namespace Undersigned.Features.Signing;

/// <summary>The sponsor whose link brought a signer, and the link as stored ("org-slug" or "org-slug.sub-code").</summary>
public sealed record Referral(string Source, OrganizationRef Organization);

/// <summary>
/// Reads <c>?source=</c>. A link names a sponsoring organization, optionally with a sub-code of the partner's
/// own (<c>?source=daily-kos.newsletter</c>). A signer is never turned away over a link: an unknown
/// organization credits no one, and a malformed sub-code is dropped, keeping the organization's credit.
/// </summary>
public static partial class Referrals
{
    public const int MaxSubCode = 40;

    public static Referral? Resolve(string? source, IReadOnlyList<OrganizationRef> sponsors)
    {
        if (string.IsNullOrWhiteSpace(source) || source.Length > 200)
        {
            return null;
        }
        var value = source.Trim().ToLowerInvariant();
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        var (slug, subCode) = dot < 0 ? (value, null) : (value[..dot], value[(dot + 1)..]);
        var organization = sponsors.FirstOrDefault(o => o.Slug == slug);
        if (organization is null)
        {
            return null;
        }
        return subCode is not null && SubCode().IsMatch(subCode)
            ? new Referral($"{slug}.{subCode}", organization)
            : new Referral(slug, organization);
    }

    /// <summary>The sub-code of a stored source, or null.</summary>
    public static string? SubCodeOf(string? source) =>
        source?.IndexOf('.', StringComparison.Ordinal) is int dot and >= 0 ? source[(dot + 1)..] : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,39}$")]
    private static partial Regex SubCode();
}
