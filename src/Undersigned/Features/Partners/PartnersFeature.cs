namespace Undersigned.Features.Partners;

/// <summary>What a participating organization sees and takes: its figures, its consented signers, its API.</summary>
public static class PartnersFeature
{
    public static void AddPartners(this WebApplicationBuilder builder)
    {
    }

    public static void MapPartners(this WebApplication app)
    {
    }
}
