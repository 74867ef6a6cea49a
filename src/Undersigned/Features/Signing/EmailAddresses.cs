using System.Globalization;
using System.Net.Mail;
using Undersigned.Data;

namespace Undersigned.Features.Signing;

/// <summary>
/// Email rules. An address is normalized by trimming, folding case and writing the domain in its ASCII (IDNA) form.
/// Provider-specific rewrites (dropping dots or +tags for Gmail) are deliberately not made: on most providers those
/// are different mailboxes, and merging two people into one signature would silently lose one of them.
/// </summary>
public static class EmailAddresses
{
    // STD3 rules allow only letters, digits and hyphens in a domain: no underscores, no [IP] literals.
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>The address reduced to one form per mailbox, or null when it is not a usable address.</summary>
    public static string? Normalize(string? typed)
    {
        var address = typed?.Trim();
        if (string.IsNullOrEmpty(address) || address.Length > SignatureLimits.Email)
        {
            return null;
        }
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return null;
        }
        var local = address[..at];
        string domain;
        try
        {
            domain = Idn.GetAscii(address[(at + 1)..]).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            return null;
        }
        var normalized = $"{local.ToLowerInvariant()}@{domain}";
        // MailAddress enforces the addr-spec grammar; comparing its Address rules out display names and comments.
        return MailAddress.TryCreate(normalized, out var parsed) && parsed.Address == normalized && normalized.Length <= SignatureLimits.Email
            ? normalized
            : null;
    }
}
