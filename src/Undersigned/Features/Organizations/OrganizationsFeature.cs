namespace Undersigned.Features.Organizations;

/// <summary>
/// What the public sees of an organization besides its name: its logo, at an address of its own so that petition
/// pages, the admin pages and the partners' pages all show the same file. Admins keep the organizations under /admin.
/// </summary>
public static class OrganizationsFeature
{
    public static void MapOrganizations(this WebApplication app) => app.MapLogos();
}
