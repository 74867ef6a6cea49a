namespace Undersigned.Features.Delivery;

/// <summary>Delivering a petition to its target: the package (letter, totals, signers) as PDF and CSV.</summary>
public static class DeliveryFeature
{
    public static void AddDelivery(this WebApplicationBuilder builder)
    {
    }

    public static void MapDelivery(this WebApplication app)
    {
    }
}
