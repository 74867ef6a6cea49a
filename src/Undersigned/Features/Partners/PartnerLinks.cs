namespace Undersigned.Features.Partners;

/// <summary>The addresses a partner hands out: its tracked link, with an optional sub-code, and the embed snippet.</summary>
public static class PartnerLinks
{
    /// <summary>The configured public address, which wins over the Host header a proxy or a client can set.</summary>
    public static string BaseUrl(HttpContext context) =>
        context.RequestServices.GetRequiredService<IConfiguration>()["App:PublicUrl"]?.TrimEnd('/')
        ?? $"{context.Request.Scheme}://{context.Request.Host}";

    public static string Tracked(string baseUrl, string petitionSlug, string orgSlug, string? subCode = null) =>
        $"{baseUrl}/p/{Uri.EscapeDataString(petitionSlug)}?source={Uri.EscapeDataString(orgSlug)}"
        + (subCode is null ? "" : "." + Uri.EscapeDataString(subCode));

    /// <summary>The part of a source after the organization's slug ("newsletter" in "daily-kos.newsletter"), or null.</summary>
    public static string? SubCode(string? source) =>
        source?.IndexOf('.', StringComparison.Ordinal) is int dot and >= 0 ? source[(dot + 1)..] : null;
}
