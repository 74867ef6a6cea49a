using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Undersigned.Data;
using Undersigned.Email;

namespace Undersigned.Features.Moderation;

/// <summary>
/// Tells an organizer of the lead that a group of their petition's last hour is over its threshold: which petition,
/// which group, how many, and the dry run that would show those signatures before anyone invalidates them.
/// </summary>
public sealed class TrendAlertEmail(IOptions<EmailOptions> email, IOptions<TrendOptions> trends, PublicUrls urls) : IEmailComposer
{
    public string Kind => TrendAlerting.Kind;

    public async Task<Dictionary<long, MimeMessage>> ComposeAsync(IReadOnlyList<OutboxMessage> rows, UndersignedDb db,
        CancellationToken ct)
    {
        var alertIds = rows.Select(r => r.SubjectId).OfType<long>().Distinct().ToList();
        var userIds = rows.Select(r => TrendAlerting.RecipientOf(r.IdempotencyKey)).OfType<int>().Distinct().ToList();
        var alerts = await db.TrendAlerts.AsNoTracking().Where(a => alertIds.Contains(a.Id))
            .Join(db.Petitions, a => a.PetitionId, p => p.Id, (a, p) => new { a.Id, a.Kind, a.Key, a.Count, a.RaisedAt, p.Slug, p.Title })
            .ToDictionaryAsync(a => a.Id, ct);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.Email != null)
            .ToDictionaryAsync(u => u.Id, u => u.Email!, ct);

        var english = CultureInfo.GetCultureInfo("en");
        var messages = new Dictionary<long, MimeMessage>();
        foreach (var row in rows)
        {
            if (row.SubjectId is not { } subject || !alerts.TryGetValue(subject, out var a)
                || TrendAlerting.RecipientOf(row.IdempotencyKey) is not { } userId || !users.TryGetValue(userId, out var to))
            {
                continue; // the account or the petition is gone
            }
            var rendered = EmailTemplates.Render(Kind, english, new Dictionary<string, string>
            {
                ["PetitionTitle"] = a.Title,
                ["Group"] = TrendAlertLinks.Describe(a.Kind, a.Key),
                ["Count"] = a.Count.ToString("N0", english),
                ["Threshold"] = Threshold(a.Kind).ToString("N0", english),
                ["DryRunUrl"] = urls.Base + TrendAlertLinks.InvalidationPath(a.Slug, a.Kind, a.Key, a.RaisedAt),
                ["DashboardUrl"] = $"{urls.Base}/admin/petitions/{Uri.EscapeDataString(a.Slug)}/dashboard",
            });
            messages[row.Id] = EmailEnvelope.Create(email.Value.From, null, to, to, rendered);
        }
        return messages;
    }

    private int Threshold(TrendKind kind) => kind switch
    {
        TrendKind.Burst => trends.Value.BurstPerHour,
        TrendKind.Source => trends.Value.SourcePerHour,
        _ => trends.Value.DomainPerHour,
    };
}
