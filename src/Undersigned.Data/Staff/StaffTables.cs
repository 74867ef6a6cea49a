using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Undersigned.Data;

/// <summary>Identity's tables, named for what they hold here rather than "asp_net_users".</summary>
internal static class StaffTables
{
    public static void Name(ModelBuilder model)
    {
        model.Entity<StaffUser>().ToTable("staff_users");
        model.Entity<IdentityRole<int>>().ToTable("staff_roles").HasData(StaffRoles.All.Select((name, i) =>
            new IdentityRole<int> { Id = i + 1, Name = name, NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = name }));
        model.Entity<IdentityUserRole<int>>().ToTable("staff_user_roles");
        model.Entity<IdentityUserClaim<int>>().ToTable("staff_user_claims");
        model.Entity<IdentityUserLogin<int>>().ToTable("staff_user_logins");
        model.Entity<IdentityUserToken<int>>().ToTable("staff_user_tokens");
        model.Entity<IdentityRoleClaim<int>>().ToTable("staff_role_claims");
    }
}
