using System.Text.Json;
using System.Text.Json.Serialization;

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
