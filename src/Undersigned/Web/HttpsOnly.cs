using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Undersigned.Web;

/// <summary>
/// Outside Development the site is reached at an https <c>App:PublicUrl</c>, so every request is taken as HTTPS, every
/// cookie is Secure and every response carries HSTS, whatever the request looks like: behind a proxy that ends TLS
/// and is not listed in <c>Proxy:KnownProxies</c>, every request arrives as plain HTTP, and rules that followed the
/// request would quietly turn all three off. <c>App:AllowPlainHttp=true</c> is for testing over plain HTTP: then
/// requests keep their scheme, and cookies are Secure, and HSTS is sent, only on those that arrive as HTTPS.
/// </summary>
public static class HttpsOnly
{
    public const string Setting = "App:AllowPlainHttp";

    /// <summary>One year; without includeSubDomains, which would bind the operator's other sites too.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>True outside Development unless plain HTTP is allowed; a value that is not a boolean allows nothing.</summary>
    public static bool IsRequired(IConfiguration config, IHostEnvironment environment) =>
        !environment.IsDevelopment() && !(bool.TryParse(config[Setting], out var allowed) && allowed);

    public static string? Refusal(IConfiguration config) =>
        config[Setting] is { } value && !bool.TryParse(value, out _)
            ? $"{Setting} is '{value}': set it to true (cookies and HSTS follow the request, for testing over plain HTTP) or false."
            : null;

    /// <summary>The Secure policy of the antiforgery cookie and of every authentication cookie, set after their features'.</summary>
    public static void AddHttpsOnly(this WebApplicationBuilder builder)
    {
        var policy = IsRequired(builder.Configuration, builder.Environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        builder.Services.PostConfigure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = policy);
        builder.Services.PostConfigureAll<CookieAuthenticationOptions>(options => options.Cookie.SecurePolicy = policy);
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
    }

    /// <summary>Right after the forwarded headers: the scheme every later step sees, and HSTS on every response.</summary>
    public static void UseHttpsOnly(this WebApplication app)
    {
        if (IsRequired(app.Configuration, app.Environment))
        {
            app.Use((context, next) =>
            {
                // Antiforgery refuses to set a Secure cookie on a request it believes is plain HTTP.
                context.Request.Scheme = Uri.UriSchemeHttps;
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.StrictTransportSecurity = StrictTransportSecurity;
                    return Task.CompletedTask;
                });
                return next(context);
            });
        }
        else if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
    }
}
