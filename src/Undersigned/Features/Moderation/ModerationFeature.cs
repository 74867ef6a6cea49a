namespace Undersigned.Features.Moderation;

/// <summary>
/// Staff moderation of a petition's signatures: the review queue, invalidation by criteria, and the moderation
/// log that records every decision (docs/moderation.md).
/// </summary>
public static class ModerationFeature
{
    public static void AddModeration(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ModerationOptions>(builder.Configuration.GetSection("Moderation"));
        builder.Services.AddScoped<ReviewQueue>();
        builder.Services.AddScoped<Invalidations>();
        builder.Services.AddHostedService<InvalidationRunner>();
    }
}
