using Undersigned.Email;

namespace Undersigned.Features.Updates;

/// <summary>Updates posted by organizers, emailed to the signers who asked for them; unsubscribing; milestones.</summary>
public static class UpdatesFeature
{
    public static void AddUpdates(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PostUpdate>();
        builder.Services.AddScoped<PetitionNews>();
        builder.Services.AddScoped<Unsubscribing>();
        builder.Services.AddSingleton<UnsubscribeLinks>();
        builder.Services.AddSingleton<IEmailComposer, UpdateEmail>();

        builder.Services.Configure<MilestoneOptions>(builder.Configuration.GetSection("Milestones"));
        builder.Services.AddScoped<MilestoneFiring>();
        builder.Services.AddSingleton<IEmailComposer, MilestoneEmail>();
        builder.Services.AddHostedService<MilestoneWatcher>();
    }

    public static void MapUpdates(this WebApplication app) => app.MapOneClickUnsubscribe();
}
