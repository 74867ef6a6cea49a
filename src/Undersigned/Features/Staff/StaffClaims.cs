using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>Adds the staff member's organization to their sign-in, so access checks need no query.</summary>
public sealed class StaffClaims(
    UserManager<StaffUser> users, RoleManager<IdentityRole<int>> roles, IOptions<IdentityOptions> options, UndersignedDb db)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole<int>>(users, roles, options)
{
    public const string Organization = "undersigned:org";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.OrganizationId is { } id)
        {
            var slug = await db.Organizations.Where(o => o.Id == id).Select(o => o.Slug).SingleAsync();
            identity.AddClaim(new Claim(Organization, slug));
        }
        return identity;
    }
}
