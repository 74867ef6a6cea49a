using System.Text.Json;
using System.Text.Json.Serialization;
using Undersigned.Storage;

namespace Undersigned.Features.Petitions;

/// <summary>
/// The petitions themselves, as every public page reads them (with their sponsors, count and recent signers), their
/// Markdown, the home page and the demo campaign. The petition page, which exists to be
/// signed, is Signing's.
/// </summary>
public static class PetitionsFeature
{
    public static void AddPetitions(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PetitionReader>();
        builder.Services.AddScoped<PetitionPages>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<MarkdownRenderer>();
        // An empty database gets the demo campaign at start, so a first run has a petition to sign; Seed:Demo=false skips it.
        builder.Services.AddSingleton(new DatabaseSeed((services, db) =>
            services.GetRequiredService<IConfiguration>().GetValue("Seed:Demo", defaultValue: true)
                ? DemoCampaign.SeedAsync(db, TimeProvider.System)
                : Task.CompletedTask));
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
    }
}
