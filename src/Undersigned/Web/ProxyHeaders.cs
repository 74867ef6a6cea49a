using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Undersigned.Web;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies listed in <c>Proxy:KnownProxies</c>
/// (IP addresses) and <c>Proxy:KnownNetworks</c> (CIDR). With none listed, no forwarded header is believed: a
/// client cannot pose as another address or as HTTPS by sending the headers itself.
/// </summary>
public static class ProxyHeaders
{
    /// <summary>
    /// Reads forwarded headers only when a proxy is configured: ASP.NET Core's middleware with empty lists would
    /// believe any sender.
    /// </summary>
    public static void UseProxyHeaders(this WebApplication app)
    {
        if (Listed(app.Configuration, "KnownProxies").Any() || Listed(app.Configuration, "KnownNetworks").Any())
        {
            app.UseForwardedHeaders();
        }
    }

    public static void AddProxyHeaders(this WebApplicationBuilder builder) =>
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in Listed(builder.Configuration, "KnownProxies"))
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in Listed(builder.Configuration, "KnownNetworks"))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

    private static IEnumerable<string> Listed(IConfiguration config, string key) =>
        config.GetSection($"Proxy:{key}").GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Trim().Length > 0);
}
