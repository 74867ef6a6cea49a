using System.Globalization;
using Undersigned.Data;

namespace Undersigned.Features.Moderation;

/// <summary>What an alert's group is, in words, and the invalidation dry run filled in with it.</summary>
public static class TrendAlertLinks
{
    /// <summary>The start of the UTC hour <paramref name="at"/> falls in: the hour an alert belongs to.</summary>
    public static DateTime HourOf(DateTime at) => new(at.Year, at.Month, at.Day, at.Hour, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// <c>/admin/petitions/{slug}/invalidate?...</c> with the group's criterion. A domain or source is bounded in
    /// time: from the start of the hour in which the alert's first count began (an hour before it was raised), so
    /// the dry run holds every signature the alert counted. A burst id names one burst only and needs no bound.
    /// </summary>
    public static string InvalidationPath(string slug, TrendKind kind, string key, DateTime raisedAt)
    {
        var from = HourOf(raisedAt - TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var since = Parameter(nameof(SignatureCriteria.SignedFrom), from);
        var query = kind switch
        {
            TrendKind.Burst => Parameter(nameof(SignatureCriteria.BurstId), key),
            TrendKind.Source => $"{Parameter(nameof(SignatureCriteria.Source), key)}&{since}",
            _ when key.StartsWith('*') => $"{Parameter(nameof(SignatureCriteria.EmailPattern), key)}&{since}",
            _ => $"{Parameter(nameof(SignatureCriteria.EmailDomain), key)}&{since}",
        };
        return $"/admin/petitions/{Uri.EscapeDataString(slug)}/invalidate?{query}";
    }

    /// <summary>"email domain example.net", "burst 7f3a…", "source daily-kos.newsletter".</summary>
    public static string Describe(TrendKind kind, string key) => kind switch
    {
        TrendKind.Burst => $"burst {key}",
        TrendKind.Source => $"source {key}",
        _ when key.StartsWith('*') => $"email domains ending {key[1..]}",
        _ => $"email domain {key}",
    };

    private static string Parameter(string name, string value) => $"{name}={Uri.EscapeDataString(value)}";
}
