using System.Text.RegularExpressions;

namespace Undersigned.Features.Admin;

/// <summary>The part of an address that names a petition or an organization: lowercase words joined by hyphens.</summary>
public static partial class Slugs
{
    public const int MinLength = 3;

    /// <summary>The error for <paramref name="slug"/>, or null when it is a usable slug of at most <paramref name="maxLength"/>.</summary>
    public static string? Problem(string? slug, int maxLength) => slug switch
    {
        null or "" => "Enter a short address, such as stop-the-sensors.",
        _ when slug.Length < MinLength || slug.Length > maxLength =>
            $"The address must be {MinLength} to {maxLength} characters long.",
        _ when !Pattern().IsMatch(slug) =>
            "Use only lowercase letters, digits and single hyphens between them, such as stop-the-sensors.",
        _ => null,
    };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
