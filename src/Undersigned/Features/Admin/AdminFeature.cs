using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Undersigned.Features.Admin;

/// <summary>
/// The pages under /admin where admins and organizers write, publish and close petitions, choose their sponsors,
/// and (admins) keep the organizations; and the public address of each organization's logo.
/// </summary>
public static class AdminFeature
{
    public static void AddAdmin(this WebApplicationBuilder builder) =>
        builder.Services.Configure<RazorPagesOptions>(pages =>
        {
            // The form pages that create a record are the same pages that edit one, without a slug.
            pages.Conventions.AddPageRoute("/Admin/EditPetition", "/admin/petitions/new");
            pages.Conventions.AddPageRoute("/Admin/EditOrganization", "/admin/organizations/new");
        });
}
