using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Undersigned.Web;

namespace Undersigned.Email;

/// <summary>
/// The address people reach this site at, the one source of every absolute link: in email, which is written outside
/// any request, in pages, in the API and in the OpenAPI document. <c>App:PublicUrl</c>, required outside Development;
/// in Development without it, the address Kestrel listens on. Never the request's Host header, which any client sets.
/// </summary>
public sealed class PublicUrls(IConfiguration config, IServer server)
{
    public const string Setting = "App:PublicUrl";

    private readonly string? configured = Parse(config[Setting])?.GetLeftPart(UriPartial.Authority);

    public string Base => configured ?? Listening();

    public string Petition(string slug) => $"{Base}/p/{Uri.EscapeDataString(slug)}";

    /// <summary>The configured public address, when it is a site's origin (http or https, no path); else null.</summary>
    public static Uri? Parse(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && uri.UserInfo.Length == 0 && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? uri : null;

    /// <summary>Why the web server may not start with this setting, in one line; null when it may.</summary>
    public static string? Refusal(IConfiguration config, IHostEnvironment environment)
    {
        var value = config[Setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return environment.IsDevelopment() ? null
                : $"{Setting} is not set: set it to the address people reach this site at, e.g. App__PublicUrl=https://sign.example.org "
                  + "(every link in pages, emails and the API is built from it).";
        }
        if (Parse(value) is not { } uri)
        {
            return $"{Setting} is '{value}', which is not a site's address: set it to an absolute http(s) address with no path, "
                + "e.g. App__PublicUrl=https://sign.example.org.";
        }
        return uri.Scheme == "http" && HttpsOnly.IsRequired(config, environment)
            ? $"{Setting} is '{value}', a plain-HTTP address, but outside Development every cookie is Secure and HSTS is sent: "
              + "use an https:// address, or set App__AllowPlainHttp=true to test over plain HTTP."
            : null;
    }

    private string Listening()
    {
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return (listening ?? "http://localhost").Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}
