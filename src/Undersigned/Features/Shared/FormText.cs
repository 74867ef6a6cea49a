namespace Undersigned.Features.Shared;

/// <summary>Cleaning and checking the free text staff type into the admin forms.</summary>
public static class FormText
{
    /// <summary>Trimmed text, or null for nothing but spaces.</summary>
    public static string? Clean(string? typed) => string.IsNullOrWhiteSpace(typed) ? null : typed.Trim();

    /// <summary>
    /// The error for text too long or holding control characters (PostgreSQL refuses NUL, and no one types the
    /// others); line breaks and tabs are allowed where the field has several lines.
    /// </summary>
    public static string? Problem(string? text, int maxLength, bool multiline = false)
    {
        if (text is null)
        {
            return null;
        }
        if (text.Length > maxLength)
        {
            return $"This is {text.Length:N0} characters long; the most is {maxLength:N0}.";
        }
        var allowed = multiline ? "\r\n\t" : "";
        return text.Any(c => char.IsControl(c) && !allowed.Contains(c, StringComparison.Ordinal))
            ? "This contains characters that cannot be stored, such as control characters."
            : null;
    }
}
