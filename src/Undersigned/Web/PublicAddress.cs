using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Undersigned.Email;

namespace Undersigned.Web;

/// <summary>
/// What <c>App:PublicUrl</c> decides in the web layer: the one base of absolute links (<see cref="PublicUrls"/>), the
/// Host headers answered at all, and the server the OpenAPI document names.
/// </summary>
public static class PublicAddress
{
    public static void AddPublicAddress(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PublicUrls>();
        builder.AddHttpsOnly();
        builder.Services.Configure<OpenApiOptions>("v1", options => options.AddDocumentTransformer<PublicServer>());
        // AllowedHosts set explicitly wins; "*" answers any host, as without a public address.
        if (string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"])
            && PublicUrls.Parse(builder.Configuration[PublicUrls.Setting]) is { } publicUrl)
        {
            string[] hosts = builder.Environment.IsDevelopment()
                ? [publicUrl.IdnHost, "localhost", "127.0.0.1", "[::1]"]
                : [publicUrl.IdnHost];
            // Runs before the framework's own defaulting, which keeps a list it finds set.
            builder.Services.Configure<HostFilteringOptions>(options => options.AllowedHosts = hosts);
        }
    }

    /// <summary>The OpenAPI document's server is the public address, not the host the request named.</summary>
    private sealed class PublicServer(PublicUrls urls) : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            document.Servers = [new OpenApiServer { Url = urls.Base }];
            return Task.CompletedTask;
        }
    }
}
