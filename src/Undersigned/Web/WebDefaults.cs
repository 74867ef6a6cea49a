using System.Data.Common;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.WebEncoders;

namespace Undersigned.Web;

/// <summary>The web layer every feature shares: pages, languages, limits, error pages and security headers.</summary>
public static class WebDefaults
{
    public static readonly CultureInfo[] Languages = [new("en"), new("es")];

    /// <summary>Largest request body accepted anywhere; forms set their own lower limits.</summary>
    public const long MaxRequestBody = 1024 * 1024;

    public static void AddWebDefaults(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBody;
            kestrel.AddServerHeader = false; // names the server software to anyone probing for its known flaws
        });
        builder.AddProxyHeaders();
        builder.AddPublicAddress();
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.AddRazorPages(options => options.RootDirectory = "/Features").AddViewLocalization();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "undersigned-form";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__RequestVerificationToken";
        });
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = options.SupportedUICultures = Languages;
            // A language is chosen by the browser or by ?culture=; never by a cookie.
            options.RequestCultureProviders =
                [new QueryStringRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        // Names in any script are written as characters, not as numeric entities.
        builder.Services.Configure<WebEncoderOptions>(options =>
            options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
    }

    public static void UseWebDefaults(this WebApplication app)
    {
        app.UseProxyHeaders();
        app.UseHttpsOnly();
        app.UseSecurityHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error/500",
            // Malformed requests are the client's error, whatever layer noticed them.
            StatusCodeSelector = exception => exception switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                InvalidDataException or ValueProviderException => StatusCodes.Status400BadRequest,
                // The database is away (an outage, a failover): nothing was done, and trying again later will work.
                DbException or TimeoutException or InvalidOperationException { InnerException: DbException }
                    => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
            // A client's malformed request is answered, not an error of ours: only 5xx are logged as errors.
            // An unreachable database (503) would log a stack trace per request during an outage; the intake and
            // the health check already report it once.
            SuppressDiagnosticsCallback = context => context.HttpContext.Response.StatusCode is < 500 or 503,
        });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseCors(); // only for the routes that ask for a policy: the public JSON
        app.UseFormReading();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapRazorPages();
        app.MapHealthChecks("/healthz");
        app.MapBenchEndpoints();
    }
}
