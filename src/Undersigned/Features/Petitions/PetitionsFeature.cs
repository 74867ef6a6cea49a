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
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
    }

    public static void MapPetitions(this WebApplication app) => app.MapPetitionsApi();
}
