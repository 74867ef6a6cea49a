using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Undersigned.Data;
using Undersigned.Email;

namespace Undersigned.Features.Updates;

/// <summary>Tells an organizer that their petition reached a milestone, with the way to tell the signers.</summary>
public sealed class MilestoneEmail(IOptions<EmailOptions> email, PublicUrls urls) : IEmailComposer
{
    public string Kind => MilestoneFiring.Kind;

    public async Task<Dictionary<long, MimeMessage>> ComposeAsync(IReadOnlyList<OutboxMessage> rows, UndersignedDb db,
        CancellationToken ct)
    {
        var milestoneIds = rows.Select(r => (int?)r.SubjectId).OfType<int>().Distinct().ToList();
        var userIds = rows.Select(r => MilestoneFiring.RecipientOf(r.IdempotencyKey)).OfType<int>().Distinct().ToList();
        var milestones = await db.Milestones.AsNoTracking().Where(m => milestoneIds.Contains(m.Id))
            .Join(db.Petitions, m => m.PetitionId, p => p.Id, (m, p) => new { m.Id, m.Count, p.Slug, p.Title, p.SignatureCount, p.Locale })
            .ToDictionaryAsync(m => m.Id, ct);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.Email != null)
            .ToDictionaryAsync(u => u.Id, u => u.Email!, ct);

        var messages = new Dictionary<long, MimeMessage>();
        foreach (var row in rows)
        {
            if (row.SubjectId is not { } subject || !milestones.TryGetValue((int)subject, out var m)
                || MilestoneFiring.RecipientOf(row.IdempotencyKey) is not { } userId || !users.TryGetValue(userId, out var to))
            {
                continue; // the account or the petition is gone
            }
            var culture = CultureInfo.GetCultureInfo(m.Locale);
            var rendered = EmailTemplates.Render(Kind, culture, new Dictionary<string, string>
            {
                ["PetitionTitle"] = m.Title,
                ["Milestone"] = m.Count.ToString("N0", culture),
                ["SignatureCount"] = m.SignatureCount.ToString("N0", culture),
                ["PetitionUrl"] = urls.Petition(m.Slug),
                ["UpdatesUrl"] = $"{urls.Base}/admin/petitions/{Uri.EscapeDataString(m.Slug)}/updates",
            });
            messages[row.Id] = EmailEnvelope.Create(email.Value.From, null, to, to, rendered);
        }
        return messages;
    }
}
