using Undersigned.Email;

namespace Undersigned.Web;

/// <summary>
/// Headers on every response: nothing loads from another origin, nothing runs inline, no page can be framed,
/// no address leaks to the sites a signer goes on to, and no redirect is built on the request's Host header. HSTS is
/// <see cref="HttpsOnly"/>'s.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Set when the response starts, so that error pages written after a failure carry them too.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), browsing-topics=()";
            AnchorRedirect(context);
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// The cookie handler sends a signed-out visitor to the login page at an absolute address made of the request's
    /// scheme and Host header; that address is rebuilt on the public one, like every other link.
    /// </summary>
    private static void AnchorRedirect(HttpContext context)
    {
        var location = context.Response.Headers.Location.ToString();
        if (location.Length > 0 && Uri.TryCreate(location, UriKind.Absolute, out var target) && target.Scheme is "http" or "https"
            && string.Equals(target.Host, context.Request.Host.Host, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.Location =
                context.RequestServices.GetRequiredService<PublicUrls>().Base + target.PathAndQuery + target.Fragment;
        }
    }
}
