using System.Text.Json;
using System.Text.Json.Serialization;
using Undersigned.Storage;

namespace Undersigned.Features.Petitions;

public static class PetitionsFeature
{
    public static void AddPetitions(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PetitionReader>();
        builder.Services.AddScoped<PetitionPages>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton<VisitorFields>();
        // An empty database gets the demo campaign at start, so a first run has a petition to sign; Seed:Demo=false skips it.
        builder.Services.AddSingleton(new DatabaseSeed((services, db) =>
            services.GetRequiredService<IConfiguration>().GetValue("Seed:Demo", defaultValue: true)
                ? DemoCampaign.SeedAsync(db, TimeProvider.System)
                : Task.CompletedTask));
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
    }

    public static void MapPetitions(this WebApplication app)
    {
        // Runs after routing and antiforgery (UseWebDefaults), just before the petition page itself.
        app.UsePetitionPageCache();
        app.MapPetitionsApi();
    }
}
