namespace Undersigned.Features.Privacy;

/// <summary>Personal data kept only as long as it is needed: anonymization after close, and the privacy page.</summary>
public static class PrivacyFeature
{
    public static void AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RetentionOptions>(builder.Configuration.GetSection("Retention"));
        builder.Services.Configure<PrivacyOptions>(builder.Configuration.GetSection("Privacy"));
        builder.Services.AddScoped<PetitionAnonymizer>();
        builder.Services.AddSingleton<RetentionJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
    }
}
