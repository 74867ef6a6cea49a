using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Undersigned.Data;
using Undersigned.Email;

namespace Undersigned.Features.Staff;

/// <summary>
/// Staff accounts through ASP.NET Core Identity: hashed passwords, optional TOTP two-factor, sessions kept in the
/// database. Repeated failures slow the client down (<see cref="LoginThrottle"/>) instead of locking the account,
/// which would let anyone who knows an address keep its owner out. Accounts are created on the command line
/// (<c>users add</c>); there is no self-registration.
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
                // No Identity lockout: the correct password must always get its owner in (LoginThrottle slows guessers).
                options.Lockout.AllowedForNewUsers = false;
                options.Lockout.MaxFailedAccessAttempts = int.MaxValue;
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
        // The sign-in lives in staff_sessions; the cookie holds only its key, so logging out ends it everywhere.
        builder.Services.AddSingleton<StaffSessionStore>();
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<StaffSessionStore>((cookie, store) => cookie.SessionStore = store);
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, cookie =>
        {
            cookie.Cookie.Name = "undersigned-staff-2fa";
            cookie.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.AddLoginThrottle();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Admin, policy => policy.RequireRole(StaffRoles.Admin))
            .AddPolicy(StaffPolicies.Organizers, policy => policy.RequireRole(StaffRoles.Admin, StaffRoles.Organizer))
            .AddPolicy(StaffPolicies.AnyStaff, policy => policy.RequireRole(StaffRoles.All));
    }

    private static void AddLoginThrottle(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<LoginOptions>(builder.Configuration.GetSection("Staff:Login"));
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<LoginGuard>();
        builder.Services.AddSingleton<UnknownAccount>();
        builder.Services.AddSingleton<LoginAlerts>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LoginAlerts>());
        builder.Services.AddSingleton<IEmailComposer, LoginAlertEmail>();
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
