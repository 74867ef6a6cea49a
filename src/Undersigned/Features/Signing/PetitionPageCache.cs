using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Caching.Memory;

namespace Undersigned.Features.Signing;

/// <summary>Marks a page whose form carries <see cref="VisitorFields"/> placeholders, for <see cref="PetitionPageCache"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PerVisitorFormAttribute : Attribute;

/// <summary>
/// The petition page as HTML, rendered at most once per <c>Petitions:PageCache</c> (1 s) per language, default
/// country and partner link, then sent to every reader with their own token and stamp spliced in
/// (<see cref="VisitorFields"/>). Under a surge a read then costs about as much as a static file plus the token. The
/// entry expires when the data it was rendered from does, so the count shown still lags by at most that second.
/// <para>
/// A partner's link (<c>?source=daily-kos</c>, <c>?source=daily-kos.newsletter</c>) gets a page of its own, kept under
/// the link as the page understood it (<see cref="Referrals"/>): its form carries the link and offers that partner's
/// box. Only a link the page took exactly as written is kept. Any other value (an unknown organization, a malformed
/// sub-code, other capitals) is rendered for its visitor alone, as before: the page then credits the organization
/// or no one, but its language links repeat the address as typed, so it is not the page of any link, and made-up
/// values can add no entry. Sub-codes are the partner's own, so anyone can make up more of them: at most
/// <see cref="SubCodePages"/> of them per organization are kept at a time, and further ones are rendered.
/// </para>
/// Pages rendered for one request only (a form sent back with errors, an address with other query parameters, a
/// link not kept) get their visitor's values the same way.
/// </summary>
public static class PetitionPageCache
{
    /// <summary>Set by the page on <see cref="HttpContext.Items"/>: until when what it rendered may be sent to others.</summary>
    public const string FreshUntil = nameof(PetitionPageCache) + ".FreshUntil";

    /// <summary>Set by the page with <see cref="FreshUntil"/>: the link it rendered for (<see cref="Referral.Source"/>), or null.</summary>
    public const string RenderedSource = nameof(PetitionPageCache) + ".RenderedSource";

    /// <summary>Pages for links with a sub-code that are kept at once per organization, page, language and country.</summary>
    public const int SubCodePages = 8;

    /// <summary>What a kept page depends on besides the petition's data: its address, language, default country, and link.</summary>
    public readonly record struct PageKey(string Path, string Culture, string Country, string? Source);

    /// <summary>Where the count of kept sub-code pages of one organization is: its page key with the organization as source.</summary>
    private readonly record struct SubCodeSlotsKey(PageKey Page);

    private sealed class SubCodeSlots
    {
        public int Taken;
    }

    private static readonly Lock SlotsGate = new();

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
        // Looking up a made-up link finds nothing and adds nothing; only a page rendered for the link may add it.
        if (key is not null && cache.TryGetValue(key.Value, out VisitorFields.Template? cached) && cached is not null)
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
        if (key is { } shared && context.Response.StatusCode == StatusCodes.Status200OK
            && context.Items[FreshUntil] is DateTimeOffset until && until > clock.GetUtcNow()
            && RenderedFor(context, shared) && MayKeep(cache, shared, until))
        {
            cache.Set(shared, page, until);
        }
        await fields.WriteAsync(context, page);
    });

    /// <summary>
    /// What the rendered page depends on, or null when it may not be shared: not a GET, other parameters, or a
    /// <c>source</c> that is not given once under that name (the language links repeat the query as it was typed).
    /// </summary>
    private static PageKey? KeyOf(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method))
        {
            return null;
        }
        string? source = null;
        foreach (var (name, values) in request.Query)
        {
            if (name == "culture")
            {
                continue;
            }
            if (name != "source" || values.Count != 1 || values[0] is not { Length: > 0 } value)
            {
                return null;
            }
            source = value;
        }
        return new PageKey(request.Path.Value ?? "", System.Globalization.CultureInfo.CurrentUICulture.Name,
            Countries.DefaultFor(request), source);
    }

    /// <summary>Whether the page took the link exactly as the address gave it, so that its HTML is that link's page.</summary>
    private static bool RenderedFor(HttpContext context, PageKey key) =>
        context.Items.TryGetValue(RenderedSource, out var rendered) && (rendered as string) == key.Source;

    /// <summary>A page for a sub-code link takes one of its organization's slots, while one is free.</summary>
    private static bool MayKeep(IMemoryCache cache, PageKey key, DateTimeOffset until)
    {
        if (key.Source is not { } source || Referrals.SubCodeOf(source) is not { } subCode)
        {
            return true; // the plain page, or one per sponsor: as many as the petition has
        }
        var slotsKey = new SubCodeSlotsKey(key with { Source = source[..^(subCode.Length + 1)] });
        SubCodeSlots slots;
        lock (SlotsGate)
        {
            if (!cache.TryGetValue(slotsKey, out SubCodeSlots? found) || found is null)
            {
                found = cache.Set(slotsKey, new SubCodeSlots(), until);
            }
            slots = found;
        }
        return Interlocked.Increment(ref slots.Taken) <= SubCodePages;
    }
}
