namespace Undersigned.Features.Paper;

/// <summary>
/// Signatures from paper sheets, imported by staff who vouch for them (docs/moderation.md, "Paper signatures"):
/// <c>/admin/petitions/{slug}/paper</c> to upload or type a batch, <c>.../paper/{batch}</c> to preview, import or undo it.
/// </summary>
public static class PaperFeature
{
    public static void AddPaperSignatures(this WebApplicationBuilder builder) =>
        builder.Services.AddScoped<PaperImports>();
}
