namespace Undersigned.Features.Admin;

/// <summary>The pages under /admin where admins and organizers write, publish and close petitions.</summary>
public static class AdminFeature
{
    public static void AddAdmin(this WebApplicationBuilder builder)
    {
    }

    public static void MapAdmin(this WebApplication app)
    {
    }
}
