namespace Undersigned.Features.OpenData;

/// <summary>
/// Open data: a petition's counted signatures by country, US state and hour, kept as counters beside its count,
/// and the recount that checks them (docs/api.md).
/// </summary>
public static class OpenDataFeature
{
    public static void AddOpenData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OpenDataOptions>().Bind(builder.Configuration.GetSection("OpenData"))
            .Validate(o => o.RecountInterval > TimeSpan.Zero, "OpenData:RecountInterval must be above zero.")
            .ValidateOnStart();
        builder.Services.AddScoped<CounterRecount>();
        builder.Services.AddHostedService<RecountJob>();
    }
}
