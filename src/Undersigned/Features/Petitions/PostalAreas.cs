namespace Undersigned.Features.Petitions;

/// <summary>
/// The coarse area a postal code belongs to, safe to show next to a first name: a US ZIP's first three digits
/// (a sectional center), the outward half of a UK or Canadian code. Elsewhere, nothing finer than the country.
/// </summary>
public static class PostalAreas
{
    public static string? Of(string? postalCode, string country) => (postalCode, country) switch
    {
        ({ Length: >= 5 } zip, "US") => zip[..3] + "xx",
        (not null, "GB") when postalCode.Contains(' ', StringComparison.Ordinal) => postalCode[..postalCode.IndexOf(' ', StringComparison.Ordinal)],
        ({ Length: >= 3 } code, "CA") => code[..3],
        _ => null,
    };
}
