using System.Text;
using System.Text.RegularExpressions;
using Undersigned.Data;

namespace Undersigned.Features.Signing;

/// <summary>
/// The rules a sign form must pass before anything is stored. Errors are keyed by field name and worded as
/// localization keys, so the page can put each one beside its field in the signer's language.
/// </summary>
public static partial class SignatureRules
{
    public static (ValidSignature? Signature, Dictionary<string, string> Errors) Validate(SignForm form)
    {
        var errors = new Dictionary<string, string>();
        var firstName = Name(form.FirstName, nameof(SignForm.FirstName), "Enter your first name", errors);
        var lastName = Name(form.LastName, nameof(SignForm.LastName), "Enter your last name", errors);

        var email = Clean(form.Email, multiline: false);
        var normalizedEmail = EmailAddresses.Normalize(email);
        if (string.IsNullOrEmpty(email))
        {
            errors[nameof(SignForm.Email)] = "Enter your email address";
        }
        else if (normalizedEmail is null)
        {
            errors[nameof(SignForm.Email)] = "Enter an email address like name@example.com";
        }

        var country = Clean(form.Country, multiline: false)?.ToUpperInvariant();
        if (!Countries.IsKnown(country))
        {
            errors[nameof(SignForm.Country)] = "Choose your country from the list";
        }

        var postalCode = Clean(form.PostalCode, multiline: false)?.ToUpperInvariant();
        if (string.IsNullOrEmpty(postalCode))
        {
            postalCode = null;
            if (country == "US")
            {
                errors[nameof(SignForm.PostalCode)] = "Enter your ZIP code";
            }
        }
        else if (postalCode.Length > SignatureLimits.PostalCode || !PostalCodeShape().IsMatch(postalCode)
                 || (country == "US" && !ZipCode().IsMatch(postalCode)))
        {
            errors[nameof(SignForm.PostalCode)] = country == "US"
                ? "Enter a 5-digit ZIP code, like 60601"
                : "Enter a postal code of up to 12 letters, digits, spaces or hyphens";
        }

        var comment = Clean(form.Comment, multiline: true);
        if (comment is null && !string.IsNullOrEmpty(form.Comment?.Trim()))
        {
            errors[nameof(SignForm.Comment)] = "Your comment contains characters we can't accept";
        }
        else if (comment?.Length > SignatureLimits.Comment)
        {
            errors[nameof(SignForm.Comment)] = "Keep your comment to 1,000 characters or fewer";
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new ValidSignature(firstName!, lastName!, email!, normalizedEmail!, postalCode, country!,
            string.IsNullOrEmpty(comment) ? null : comment, form.ShowNamePublicly, form.WantsUpdates), errors);
    }

    private static string? Name(string? typed, string field, string missing, Dictionary<string, string> errors)
    {
        var name = Clean(typed, multiline: false);
        if (name is null && !string.IsNullOrWhiteSpace(typed))
        {
            errors[field] = "Names can only contain letters, marks, spaces and punctuation";
        }
        else if (string.IsNullOrEmpty(name))
        {
            errors[field] = missing;
        }
        else if (name.Length > SignatureLimits.Name)
        {
            errors[field] = "Keep names to 100 characters or fewer";
        }
        else if (name.AsSpan().IndexOfAny('<', '>') >= 0)
        {
            errors[field] = "Names can't contain < or >";
        }
        return name;
    }

    /// <summary>
    /// Trims, folds runs of spaces, and composes the text to NFC. Returns null for text no person types:
    /// control characters, bidirectional overrides, the replacement character left by invalid UTF-8, lone surrogates.
    /// </summary>
    internal static string? Clean(string? typed, bool multiline)
    {
        if (typed is null)
        {
            return null;
        }
        string composed;
        try
        {
            composed = typed.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return null; // a lone surrogate
        }
        foreach (var c in composed)
        {
            var allowedControl = multiline && c is '\n' or '\r' or '\t';
            if ((char.IsControl(c) && !allowedControl) || c == '\uFFFD' || IsBidiOverride(c))
            {
                return null;
            }
        }
        return multiline
            ? composed.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()
            : Spaces().Replace(composed, " ").Trim();
    }

    private static bool IsBidiOverride(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9 \-]*$")]
    private static partial Regex PostalCodeShape();

    [GeneratedRegex(@"^[0-9]{5}(-[0-9]{4})?$")]
    private static partial Regex ZipCode();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
