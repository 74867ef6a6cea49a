using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Undersigned.Tests.Web.MalformedBodies;

/// <summary>
/// One way to POST to the app: a route, and for a page one of its named POST handlers (or none, the page's
/// default). <see cref="Accepts"/> is what a minimal endpoint declared it reads (pages read forms);
/// <see cref="BodyLimit"/> the size limit it declared, if any.
/// </summary>
public sealed record PostRoute(RoutePattern Pattern, string? Handler, IReadOnlyList<string> Accepts, long? BodyLimit)
{
    public bool TakesJson => Accepts.Any(type => type.Contains("json", StringComparison.OrdinalIgnoreCase));

    public string Name => "/" + Pattern.RawText!.TrimStart('/') + (Handler is null ? "" : $"?handler={Handler}");

    public bool IsApi => Name.StartsWith("/api/", StringComparison.Ordinal);

    /// <summary>
    /// Every route the app takes a POST on, read from its own endpoint data source, so a route added later is
    /// covered without being listed: every page (Razor Pages answer a POST on any page, checking its form token)
    /// with each of its named POST handlers, and every endpoint that names POST among its methods. Endpoints that
    /// take any method and read no body (the health check) are not POST routes.
    /// </summary>
    public static async Task<IReadOnlyList<PostRoute>> AllAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var routes = new List<PostRoute>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var limit = endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                routes.Add(new(endpoint.RoutePattern, null, [], limit));
                routes.AddRange(compiled.HandlerMethods
                    .Where(h => h.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase) && h.Name is not null)
                    .Select(h => new PostRoute(endpoint.RoutePattern, h.Name, [], limit)));
            }
            else if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            {
                routes.Add(new(endpoint.RoutePattern, null, endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [], limit));
            }
        }
        return routes.DistinctBy(r => r.Name).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The path with each parameter filled: by <paramref name="known"/> (the most specific pattern prefix that names
    /// the parameter wins), else a number for a numeric constraint, else a random token no one was given.
    /// </summary>
    public string PathWith(IReadOnlyList<KnownValue> known)
    {
        var pattern = Pattern.RawText!.TrimStart('/');
        var path = string.Concat(Pattern.PathSegments.Select(segment => "/" + string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => Uri.EscapeDataString(ValueOf(pattern, parameter, known)),
            _ => throw new InvalidOperationException($"Unknown route part in {pattern}."),
        }))));
        return (path.Length == 0 ? "/" : path) + (Handler is null ? "" : $"?handler={Uri.EscapeDataString(Handler)}");
    }

    private static string ValueOf(string pattern, RoutePatternParameterPart parameter, IReadOnlyList<KnownValue> known)
    {
        var value = known
            .Where(k => k.Parameter == parameter.Name && pattern.StartsWith(k.PatternPrefix, StringComparison.Ordinal))
            .MaxBy(k => k.PatternPrefix.Length);
        if (value is not null)
        {
            return value.Value;
        }
        var numeric = parameter.ParameterPolicies.Any(p => p.Content is "int" or "long" || p.Content?.StartsWith("range", StringComparison.Ordinal) == true);
        return numeric ? "7" : Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}

/// <summary>A real value for a route parameter, on every route whose pattern starts with <see cref="PatternPrefix"/>.</summary>
public sealed record KnownValue(string PatternPrefix, string Parameter, string Value);
