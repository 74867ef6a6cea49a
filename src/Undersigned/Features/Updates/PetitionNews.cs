using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Undersigned.Data;
using Undersigned.Features.Petitions;

namespace Undersigned.Features.Updates;

public sealed record PublishedUpdate(long Id, string Title, IHtmlContent Body, DateTime PostedAt);

/// <summary>What the petition page shows of this feature: milestones reached, and the updates, newest first.</summary>
public sealed record PetitionNewsView(IReadOnlyList<int> MilestonesReached, IReadOnlyList<PublishedUpdate> Updates);

/// <summary>
/// The petition page's updates and milestones, kept for as long as the page's own data (<c>Petitions:PageCache</c>,
/// a second by default), so a surge of readers costs one read and one rendering per second.
/// </summary>
public sealed class PetitionNews(UndersignedDb db, MarkdownRenderer markdown, IMemoryCache cache, IConfiguration config)
{
    /// <summary>Enough for any campaign's page; older ones stay stored.</summary>
    public const int MaxShown = 50;

    private readonly TimeSpan maxAge = config.GetValue("Petitions:PageCache", TimeSpan.FromSeconds(1));

    public async Task<PetitionNewsView> GetAsync(int petitionId, CancellationToken ct)
    {
        var key = (nameof(PetitionNews), petitionId);
        if (cache.TryGetValue(key, out PetitionNewsView? view))
        {
            return view!;
        }
        var milestones = await db.Milestones.AsNoTracking()
            .Where(m => m.PetitionId == petitionId && m.ReachedAt != null)
            .OrderByDescending(m => m.Count).Select(m => m.Count).ToListAsync(ct);
        var updates = await db.PetitionUpdates.AsNoTracking()
            .Where(u => u.PetitionId == petitionId)
            .OrderByDescending(u => u.PostedAt).ThenByDescending(u => u.Id).Take(MaxShown)
            .Select(u => new { u.Id, u.Title, u.Body, u.PostedAt }).ToListAsync(ct);
        view = new PetitionNewsView(milestones,
            updates.Select(u => new PublishedUpdate(u.Id, u.Title, markdown.Render(u.Body), u.PostedAt)).ToList());
        return maxAge > TimeSpan.Zero ? cache.Set(key, view, maxAge) : view;
    }
}
