using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>
/// Staff accounts through ASP.NET Core Identity: hashed passwords, lockout after repeated failures, optional TOTP
/// two-factor. Accounts are created on the command line (<c>users add</c>); there is no self-registration.
/// </summary>
public static class StaffFeature
{
    public static void AddStaff(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentity<StaffUser, IdentityRole<int>>(options =>
            {
                // Length over composition rules, as NIST SP 800-63B advises.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Staff:MaxFailedLogins", 5);
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<UndersignedDb>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaims>();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "undersigned-staff";
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.HttpOnly = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        });
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, cookie =>
        {
            cookie.Cookie.Name = "undersigned-staff-2fa";
            cookie.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Admin, policy => policy.RequireRole(StaffRoles.Admin))
            .AddPolicy(StaffPolicies.Organizers, policy => policy.RequireRole(StaffRoles.Admin, StaffRoles.Organizer))
            .AddPolicy(StaffPolicies.AnyStaff, policy => policy.RequireRole(StaffRoles.All));
    }

    /// <summary>
    /// Pages send a signed-out visitor to the login form; API calls and refusals get a plain status, rendered as
    /// the error page, instead of a redirect to a page that does not exist.
    /// </summary>
    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (status == StatusCodes.Status401Unauthorized && !context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = status;
        }
        return Task.CompletedTask;
    }
}

public static class StaffPolicies
{
    public const string Admin = "admin";
    public const string Organizers = "organizers";
    public const string AnyStaff = "any-staff";
}
