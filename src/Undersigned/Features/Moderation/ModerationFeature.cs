using Undersigned.Email;

namespace Undersigned.Features.Moderation;

/// <summary>
/// Staff moderation of a petition's signatures: the review queue, invalidation by criteria, alerts on groups that
/// grow unusually fast, and the moderation log that records every decision (docs/moderation.md).
/// </summary>
public static class ModerationFeature
{
    public static void AddModeration(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ModerationOptions>(builder.Configuration.GetSection("Moderation"));
        builder.Services.AddScoped<ReviewQueue>();
        builder.Services.AddScoped<Invalidations>();
        builder.Services.AddHostedService<InvalidationRunner>();

        builder.Services.AddOptions<TrendOptions>().Bind(builder.Configuration.GetSection("Moderation:Trends"))
            .Validate(o => o.Interval > TimeSpan.Zero && o.DomainPerHour > 0 && o.BurstPerHour > 0 && o.SourcePerHour > 0,
                "Moderation:Trends needs an Interval above zero and thresholds of at least 1.")
            .ValidateOnStart();
        builder.Services.AddScoped<TrendAlerting>();
        builder.Services.AddSingleton<IEmailComposer, TrendAlertEmail>();
        builder.Services.AddHostedService<TrendWatcher>();
    }
}
