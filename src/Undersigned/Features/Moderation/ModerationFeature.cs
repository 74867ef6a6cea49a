using Undersigned.Email;

namespace Undersigned.Features.Moderation;

/// <summary>Tools for staff to keep counts honest: alerts on groups of signatures that grow unusually fast.</summary>
public static class ModerationFeature
{
    public static void AddModeration(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrendOptions>().Bind(builder.Configuration.GetSection("Moderation:Trends"))
            .Validate(o => o.Interval > TimeSpan.Zero && o.DomainPerHour > 0 && o.BurstPerHour > 0 && o.SourcePerHour > 0,
                "Moderation:Trends needs an Interval above zero and thresholds of at least 1.")
            .ValidateOnStart();
        builder.Services.AddScoped<TrendAlerting>();
        builder.Services.AddSingleton<IEmailComposer, TrendAlertEmail>();
        builder.Services.AddHostedService<TrendWatcher>();
    }
}
