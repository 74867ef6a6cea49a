using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Caching.Memory;

namespace Undersigned.Features.Signing;

/// <summary>Marks a page whose form carries <see cref="VisitorFields"/> placeholders, for <see cref="PetitionPageCache"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PerVisitorFormAttribute : Attribute;

/// <summary>
/// The petition page as HTML, rendered at most once per <c>Petitions:PageCache</c> (1 s) per language and default
/// country, then sent to every reader with their own token and stamp spliced in (<see cref="VisitorFields"/>).
/// Under a surge a read then costs about as much as a static file plus the token. The entry expires when the data it
/// was rendered from does, so the count shown still lags by at most that second. Pages rendered for one request only
/// (a form sent back with errors, an address with other query parameters) get their visitor's values the same way.
/// </summary>
public static class PetitionPageCache
{
    /// <summary>Set by the page on <see cref="HttpContext.Items"/>: until when what it rendered may be sent to others.</summary>
    public const string FreshUntil = nameof(PetitionPageCache) + ".FreshUntil";

    public static IApplicationBuilder UsePetitionPageCache(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<PerVisitorFormAttribute>() is null)
        {
            await next(context);
            return;
        }
        var services = context.RequestServices;
        var (cache, fields, clock) = (services.GetRequiredService<IMemoryCache>(), services.GetRequiredService<VisitorFields>(),
            services.GetRequiredService<TimeProvider>());
        var key = KeyOf(context.Request);
        if (key is not null && cache.TryGetValue(key, out VisitorFields.Template? cached) && cached is not null)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await fields.WriteAsync(context, cached);
            return;
        }

        var response = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(response);
        }
        if (buffer.Length == 0)
        {
            return; // a redirect or a bare status: the status code pages may still fill it in
        }
        var page = VisitorFields.Cut(buffer.ToArray());
        if (key is not null && context.Response.StatusCode == StatusCodes.Status200OK
            && context.Items[FreshUntil] is DateTimeOffset until && until > clock.GetUtcNow())
        {
            cache.Set(key, page, until);
        }
        await fields.WriteAsync(context, page);
    });

    /// <summary>What the rendered page depends on, or null when it may not be shared (not a GET, other parameters).</summary>
    private static (string, string, string, string)? KeyOf(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) || request.Query.Keys.Any(k => k != "culture"))
        {
            return null;
        }
        return (nameof(PetitionPageCache), request.Path.Value ?? "", System.Globalization.CultureInfo.CurrentUICulture.Name,
            Countries.DefaultFor(request));
    }
}
