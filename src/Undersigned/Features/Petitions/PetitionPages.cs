using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

namespace Undersigned.Features.Petitions;

/// <summary>Everything the petition page shows, read and rendered once; no page built from it may be shown after FreshUntil.</summary>
public sealed record PetitionPageView(PetitionDetails Petition, IHtmlContent Body, IReadOnlyList<PublicSigner> RecentSigners,
    DateTimeOffset FreshUntil);

/// <summary>
/// The petition page's data, kept in memory for at most a second per petition: under a surge the page costs one
/// set of queries and one Markdown rendering per second, not per reader, and the count it shows lags by at most
/// that second. The sign form's POST reads the petition's state from here too.
/// </summary>
public sealed class PetitionPages(IServiceProvider services, MarkdownRenderer markdown, IMemoryCache cache, IConfiguration config,
    TimeProvider clock)
{
    /// <summary><c>Petitions:PageCache</c>, one second by default; zero reads the database for every page.</summary>
    private readonly TimeSpan maxAge = config.GetValue("Petitions:PageCache", TimeSpan.FromSeconds(1));

    public async Task<PetitionPageView?> GetAsync(string slug, CancellationToken ct)
    {
        var key = (nameof(PetitionPages), slug);
        if (cache.TryGetValue(key, out PetitionPageView? view))
        {
            return view;
        }
        // Resolved only on a miss: a sign or a read served from the cache then creates no DbContext at all.
        var petitions = services.GetRequiredService<PetitionReader>();
        var readAt = clock.GetUtcNow();
        var petition = await petitions.FindPublicAsync(slug, ct);
        if (petition is null)
        {
            return null; // unknown slugs are not cached, so made-up addresses cannot fill the memory
        }
        view = new PetitionPageView(petition, markdown.Render(petition.Body),
            await petitions.RecentPublicSignersAsync(petition.Id, 10, ct), readAt + maxAge);
        return maxAge > TimeSpan.Zero ? cache.Set(key, view, view.FreshUntil) : view;
    }
}
