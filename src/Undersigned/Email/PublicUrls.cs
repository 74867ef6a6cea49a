using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Undersigned.Email;

/// <summary>
/// The address people reach this site at, for links in email, which are written outside any request.
/// <c>App:PublicUrl</c> in production; the address Kestrel listens on when it is not set (development).
/// </summary>
public sealed class PublicUrls(IConfiguration config, IServer server)
{
    public string Base
    {
        get
        {
            var configured = config["App:PublicUrl"];
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured.TrimEnd('/');
            }
            var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return (listening ?? "http://localhost").Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/');
        }
    }

    public string Petition(string slug) => $"{Base}/p/{Uri.EscapeDataString(slug)}";
}
