using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>The staff member's home: petitions for admins and organizers, the partner dashboard for partners.</summary>
[Authorize(Policy = StaffPolicies.AnyStaff)]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        User.IsInRole(StaffRoles.Admin) || User.IsInRole(StaffRoles.Organizer)
            ? Redirect("/admin")
            : User.OrganizationSlug() is { } org ? Redirect($"/partners/{Uri.EscapeDataString(org)}") : Forbid();
}
