using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Staff;

namespace Undersigned.Features.Moderation;

/// <summary>An alert as the dashboards list it.</summary>
public sealed record ShownTrendAlert(string Slug, string Title, TrendKind Kind, string Key, int Count, DateTime RaisedAt)
{
    public string DryRunPath => TrendAlertLinks.InvalidationPath(Slug, Kind, Key, RaisedAt);
}

/// <summary>The alerts on the dashboards, with whether each lists the petition it is about.</summary>
public sealed record TrendAlertList(IReadOnlyList<ShownTrendAlert> Alerts, bool ShowsPetition);

/// <summary>
/// The alerts of the last hour on the petitions a staff member runs (every petition for admins, those their
/// organization leads for organizers): those of this clock hour and the one before, since an alert counts a rolling
/// hour, the newest one per group, largest first.
/// </summary>
public static class RecentTrendAlerts
{
    public static async Task<List<ShownTrendAlert>> ForAsync(UndersignedDb db, ClaimsPrincipal user, int? petitionId,
        DateTime now, CancellationToken ct)
    {
        var since = TrendAlertLinks.HourOf(now) - TimeSpan.FromHours(1);
        var petitions = db.Petitions.AsNoTracking();
        if (petitionId is { } id)
        {
            petitions = petitions.Where(p => p.Id == id);
        }
        if (!user.IsAdmin())
        {
            var org = user.OrganizationSlug();
            petitions = petitions.Where(p => p.Sponsorships.Any(s => s.Role == SponsorRole.Lead && s.Organization!.Slug == org));
        }
        var alerts = await db.TrendAlerts.AsNoTracking().Where(a => a.Hour >= since)
            .Join(petitions, a => a.PetitionId, p => p.Id, (a, p) => new { a.Kind, a.Key, a.Hour, a.Count, a.RaisedAt, p.Slug, p.Title })
            .ToListAsync(ct);
        return [.. alerts.GroupBy(a => (a.Slug, a.Kind, a.Key))
            .Select(g => g.MaxBy(a => a.Hour)!)
            .OrderByDescending(a => a.Count).ThenBy(a => a.Slug, StringComparer.Ordinal)
            .Select(a => new ShownTrendAlert(a.Slug, a.Title, a.Kind, a.Key, a.Count, a.RaisedAt))];
    }
}
