using System.Globalization;
using System.Text;
using Undersigned.Data;

namespace Undersigned.Features.Signing;

/// <summary>What a typed address comes to: the one form of its mailbox, or why it is refused (a localization key).</summary>
public readonly record struct EmailReading(string? Mailbox, string? Error);

/// <summary>
/// The one rule for a typed email address, on every form that takes one (sign, resend, lost link). An address is
/// reduced to one form per mailbox: trimmed, quotes RFC 5321 lets go of dropped, case folded, the domain in its
/// ASCII (IDNA) form. That form is what is compared, stored, emailed and exported, so nothing removed to compare
/// two addresses is ever sent on. Provider-specific rewrites (Gmail's dots and +tags) are deliberately not made:
/// on most providers those are different mailboxes, and merging two people would silently lose one of them.
/// </summary>
public static class EmailAddresses
{
    public const string Missing = "Enter your email address";
    public const string Malformed = "Enter an email address like name@example.com";
    public const string Invisible = "Your email address contains an invisible character: type it again by hand";
    public const string NeedsQuotes = "Enter an email address that works without quotation marks, like name@example.com";

    // RFC 5321 limits the local part to 64 octets.
    private const int LocalPartOctets = 64;

    // STD3 rules allow only letters, digits and hyphens in a domain: no underscores, no [IP] literals.
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>The address reduced to one form per mailbox, or the reason it cannot be used.</summary>
    public static EmailReading Read(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return new(null, Missing);
        }
        // Before anything else: IDNA would quietly drop a zero-width space from the domain, hiding it from the comparison.
        if (typed.EnumerateRunes().Any(r => TypedCharacters.IsInvisible(r) || TypedCharacters.IsJoiner(r)))
        {
            return new(null, Invisible);
        }
        // White space around the address (a pasted tab or line break) is no part of it.
        var address = SignatureRules.Clean(typed.Trim(), multiline: false);
        var at = address?.LastIndexOf('@') ?? -1;
        if (address is null || address.Length > SignatureLimits.Email || at <= 0 || at == address.Length - 1)
        {
            return new(null, Malformed);
        }
        var (local, error) = LocalPart(address[..at]);
        var domain = Domain(address[(at + 1)..]);
        if (local is null || domain is null)
        {
            return new(null, error ?? Malformed);
        }
        var mailbox = $"{local}@{domain}";
        return mailbox.Length <= SignatureLimits.Email ? new(mailbox, null) : new(null, Malformed);
    }

    /// <summary>The canonical address, or null when it is not a usable one (for forms that need no reason).</summary>
    public static string? Normalize(string? typed) => Read(typed).Mailbox;

    /// <summary>
    /// A dot-atom as typed, or a quoted string whose content is one: RFC 5321 (4.1.2) makes <c>"ada"@</c> and
    /// <c>"a\da"@</c> the same mailbox as <c>ada@</c>. A local part that truly needs quotes is refused: no one signs with one.
    /// </summary>
    private static (string? Local, string? Error) LocalPart(string typed)
    {
        var quoted = typed.Length >= 2 && typed[0] == '"' && typed[^1] == '"';
        var local = quoted ? Unquote(typed[1..^1]) : typed;
        if (local is null || !IsDotAtom(local))
        {
            return (null, quoted || typed.AsSpan().IndexOfAny('"', '\\') >= 0 ? NeedsQuotes : Malformed);
        }
        local = local.ToLowerInvariant().Normalize(NormalizationForm.FormC);
        return Encoding.UTF8.GetByteCount(local) <= LocalPartOctets ? (local, null) : (null, Malformed);
    }

    private static string? Unquote(string content)
    {
        var text = new StringBuilder(content.Length);
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == '\\')
            {
                // quoted-pairSMTP: a backslash and one printable ASCII character.
                if (++i == content.Length || content[i] is < ' ' or > '~')
                {
                    return null;
                }
            }
            else if (content[i] == '"')
            {
                return null;
            }
            text.Append(content[i]);
        }
        return text.ToString();
    }

    /// <summary>Atoms of RFC 5322 atext, or of letters, marks and digits of any script (RFC 6531), joined by single dots.</summary>
    private static bool IsDotAtom(string local)
    {
        if (local.Length == 0 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var rune in local.EnumerateRunes())
        {
            var allowed = rune.IsAscii
                ? char.IsAsciiLetterOrDigit((char)rune.Value) || "!#$%&'*+-/=?^_`{|}~.".Contains((char)rune.Value, StringComparison.Ordinal)
                : Rune.GetUnicodeCategory(rune) <= UnicodeCategory.OtherNumber; // L*, M* and N*: no symbols, spaces or lookalike @
            if (!allowed)
            {
                return false;
            }
        }
        return true;
    }

    private static string? Domain(string typed)
    {
        string ascii;
        try
        {
            ascii = Idn.GetAscii(typed).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
        // At least two labels, no empty one (RFC 5321 has no trailing root dot), and a top-level label that is not
        // all digits, so that 127.0.0.1 is not taken for a domain.
        var labels = ascii.Split('.');
        return labels.Length >= 2 && labels.All(l => l.Length > 0) && !labels[^1].All(char.IsAsciiDigit) ? ascii : null;
    }
}
