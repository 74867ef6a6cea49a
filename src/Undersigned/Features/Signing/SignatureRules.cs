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
    /// <param name="emailOptional">
    /// A paper sheet's rows may have no address: then the signature's <see cref="ValidSignature.Email"/> is empty.
    /// </param>
    public static (ValidSignature? Signature, Dictionary<string, string> Errors) Validate(SignForm form, bool emailOptional = false)
    {
        var errors = new Dictionary<string, string>();
        var firstName = Name(form.FirstName, nameof(SignForm.FirstName), "Enter your first name", errors);
        var lastName = Name(form.LastName, nameof(SignForm.LastName), "Enter your last name", errors);

        var email = emailOptional && string.IsNullOrWhiteSpace(form.Email) ? new EmailReading("", null) : EmailAddresses.Read(form.Email);
        if (email.Error is not null)
        {
            errors[nameof(SignForm.Email)] = email.Error;
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
        if (form.Comment?.EnumerateRunes().Any(TypedCharacters.IsDirectionOverride) == true)
        {
            // Overrides and isolates only: marks (LRM, RLM) stay welcome, as prose that mixes scripts needs them.
            errors[nameof(SignForm.Comment)] = "Your comment can't contain characters that change the direction of text";
        }
        else if (comment is null && !string.IsNullOrEmpty(form.Comment?.Trim()))
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
        return (new ValidSignature(firstName!, lastName!, email.Mailbox!, postalCode, country!,
            string.IsNullOrEmpty(comment) ? null : comment, form.ShowNamePublicly, form.WantsUpdates), errors);
    }

    private static string? Name(string? typed, string field, string missing, Dictionary<string, string> errors)
    {
        var name = Clean(typed, multiline: false);
        var runes = typed?.EnumerateRunes().ToList() ?? [];
        if (runes.Any(TypedCharacters.IsDirectionControl))
        {
            // No one types these into a name, and shown in a list or a PDF they would reorder the text after it.
            errors[field] = "Names can't contain characters that change the direction of text";
        }
        else if (runes.Any(r => TypedCharacters.IsInvisible(r) && !TypedCharacters.IsJoiner(r)))
        {
            errors[field] = "Names can't contain invisible characters";
        }
        else if (name is null && !string.IsNullOrWhiteSpace(typed))
        {
            errors[field] = "Names can only contain letters, marks, spaces and punctuation";
        }
        else if (string.IsNullOrEmpty(name) || name.EnumerateRunes().All(r => TypedCharacters.IsJoiner(r) || r.Value == ' '))
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
            if ((char.IsControl(c) && !allowedControl) || c == '\uFFFD' || TypedCharacters.IsDirectionOverride(c))
            {
                return null;
            }
        }
        return multiline
            ? composed.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()
            : Spaces().Replace(composed, " ").Trim();
    }

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9 \-]*$")]
    private static partial Regex PostalCodeShape();

    [GeneratedRegex(@"^[0-9]{5}(-[0-9]{4})?$")]
    private static partial Regex ZipCode();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
