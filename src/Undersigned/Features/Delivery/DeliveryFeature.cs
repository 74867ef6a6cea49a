using Undersigned.Email;

namespace Undersigned.Features.Delivery;

/// <summary>
/// Delivering a petition to its target: the package (letter, totals, signers) as PDF and CSV, the organizers' page
/// that marks it delivered, and the signed link that lets the target download it (see docs/delivery.md).
/// </summary>
public static class DeliveryFeature
{
    public static void AddDelivery(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DeliveryContents>();
        builder.Services.AddScoped<DeliveryPackage>();
        builder.Services.AddScoped<DeliverPetition>();
        builder.Services.AddSingleton<TargetLinks>();
        builder.Services.AddSingleton<PackageCache>();
        builder.Services.AddSingleton<IEmailComposer, DeliveryEmail>();
    }

    public static void MapDelivery(this WebApplication app) => app.MapDeliveryDownloads();
}
