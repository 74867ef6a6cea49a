using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>
/// Someone who runs the platform or a campaign: an admin, or an organizer or partner of one organization.
/// Signers never have accounts. Passwords, lockout and two-factor keys are ASP.NET Core Identity's.
/// </summary>
public class StaffUser : IdentityUser<int>
{
    /// <summary>The organization an organizer or partner works for; admins have none.</summary>
    public int? OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>The three roles, as stored in Identity's role table.</summary>
public static class StaffRoles
{
    /// <summary>Everything, on every petition and organization.</summary>
    public const string Admin = "admin";

    /// <summary>The petitions their organization leads.</summary>
    public const string Organizer = "organizer";

    /// <summary>Their own organization's figures, exports and API keys.</summary>
    public const string Partner = "partner";

    public static readonly string[] All = [Admin, Organizer, Partner];
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> user)
    {
        user.HasOne(u => u.Organization).WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
