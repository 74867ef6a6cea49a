using Microsoft.AspNetCore.OpenApi;

namespace Undersigned.Features.Partners;

/// <summary>What a participating organization sees and takes: its figures, its consented signers, its API.</summary>
public static class PartnersFeature
{
    public static void AddPartners(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ExportAccess>();
        builder.Services.AddScoped<ConsentedSigners>();
        builder.Services.AddScoped<ExportLog>();
        builder.Services.AddScoped<ApiKeys>();
        builder.Services.AddScoped<CoalitionFigures>();
        builder.Services.AddSingleton<PageCursor>();
        builder.Services.Configure<OpenApiOptions>("v1", options =>
        {
            options.AddDocumentTransformer<PartnerApiDocument>();
            options.AddOperationTransformer<PartnerApiDocument>();
        });
    }

    public static void MapPartners(this WebApplication app)
    {
        app.MapSignerDownloads();
        app.MapPartnerApi();
    }
}
