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
    public static void AddProxyHeaders(this WebApplicationBuilder builder) =>
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in builder.Configuration.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in builder.Configuration.GetSection("Proxy:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
}
