namespace Undersigned.Features.OpenData;

/// <summary>
/// Open data: the public JSON API, with a petition's counted signatures by country, US state and hour, kept as
/// counters beside its count, and the recount that checks them (docs/api.md).
/// </summary>
public static class OpenDataFeature
{
    public static void AddOpenData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OpenDataOptions>().Bind(builder.Configuration.GetSection("OpenData"))
            .Validate(o => o.RecountInterval > TimeSpan.Zero, "OpenData:RecountInterval must be above zero.")
            .ValidateOnStart();
        builder.Services.AddScoped<CounterRecount>();
        // Partner sites show live figures from the public JSON: any origin may read it, and nothing else.
        builder.Services.AddCors(cors => cors.AddPolicy(PetitionsApi.PublicReads, policy =>
            policy.AllowAnyOrigin().WithMethods("GET").WithExposedHeaders("ETag")));
        builder.Services.AddHostedService<RecountJob>();
    }

    public static void MapOpenData(this WebApplication app)
    {
        app.MapPetitionsApi();
        app.MapDataCsv();
    }
}
