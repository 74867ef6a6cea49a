namespace Undersigned.Features.Partners;

/// <summary>
/// The addresses a partner hands out: its tracked link, with an optional sub-code, and the embed snippet, on the
/// public address (<see cref="Email.PublicUrls"/>).
/// </summary>
public static class PartnerLinks
{
    public static string Tracked(string baseUrl, string petitionSlug, string orgSlug, string? subCode = null) =>
        $"{baseUrl}/p/{Uri.EscapeDataString(petitionSlug)}?source={Uri.EscapeDataString(orgSlug)}"
        + (subCode is null ? "" : "." + Uri.EscapeDataString(subCode));

    /// <summary>The part of a source after the organization's slug ("newsletter" in "daily-kos.newsletter"), or null.</summary>
    public static string? SubCode(string? source) =>
        source?.IndexOf('.', StringComparison.Ordinal) is int dot and >= 0 ? source[(dot + 1)..] : null;
}
