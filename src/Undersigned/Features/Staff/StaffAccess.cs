using System.Security.Claims;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>
/// Who may see what. Admins see everything; organizers run the petitions their organization leads; organizers
/// and partners see their own organization's figures and exports, never another's.
/// </summary>
public static class StaffAccess
{
    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(StaffRoles.Admin);

    /// <summary>The staff member's email address, as records of who did what name them.</summary>
    public static string StaffEmail(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "staff";

    /// <summary>The slug of the organization the staff member works for, or null (admins, signed-out visitors).</summary>
    public static string? OrganizationSlug(this ClaimsPrincipal user) => user.FindFirstValue(StaffClaims.Organization);

    /// <summary>Edit, publish, close and see the signers' figures of a petition led by <paramref name="leadSlug"/>.</summary>
    public static bool MayRunPetitionLedBy(this ClaimsPrincipal user, string? leadSlug) =>
        user.IsAdmin()
        || (user.IsInRole(StaffRoles.Organizer) && leadSlug is not null && user.OrganizationSlug() == leadSlug);

    /// <summary>The partner dashboard, exports and API keys of the organization <paramref name="slug"/>.</summary>
    public static bool MayActFor(this ClaimsPrincipal user, string slug) => MayActFor(user.IsAdmin(), user.OwnOrganization(), slug);

    /// <summary>
    /// The same rule for whoever acts for an organization, a staff member or a partner's API key (which has no
    /// sign-in): an admin, or someone whose own organization it is.
    /// </summary>
    public static bool MayActFor(bool isAdmin, string? ownOrganization, string slug) =>
        isAdmin || (ownOrganization is not null && ownOrganization == slug);

    /// <summary>The organization whose figures, exports and keys an organizer or partner may use; null for anyone else.</summary>
    public static string? OwnOrganization(this ClaimsPrincipal user) =>
        user.IsInRole(StaffRoles.Organizer) || user.IsInRole(StaffRoles.Partner) ? user.OrganizationSlug() : null;
}
