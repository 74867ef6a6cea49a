using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Undersigned.Data;
using Undersigned.Email;

namespace Undersigned.Features.Staff;

/// <summary>
/// Tells a staff member that someone keeps failing to sign in to their account, with what to do about it. It never
/// says from where: no network address is kept to say it with.
/// </summary>
public sealed class LoginAlertEmail(IOptions<EmailOptions> email, IOptions<LoginOptions> login, PublicUrls urls)
    : IEmailComposer
{
    public string Kind => LoginAlerts.Kind;

    public async Task<Dictionary<long, MimeMessage>> ComposeAsync(IReadOnlyList<OutboxMessage> rows, UndersignedDb db,
        CancellationToken ct)
    {
        var userIds = rows.Select(r => LoginAlerts.RecipientOf(r.IdempotencyKey)).OfType<int>().Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.Email != null)
            .ToDictionaryAsync(u => u.Id, u => u.Email!, ct);
        var messages = new Dictionary<long, MimeMessage>();
        foreach (var row in rows)
        {
            if (LoginAlerts.RecipientOf(row.IdempotencyKey) is not { } id || !users.TryGetValue(id, out var to))
            {
                continue; // the account is gone
            }
            var rendered = EmailTemplates.Render(Kind, CultureInfo.GetCultureInfo("en"), new Dictionary<string, string>
            {
                ["Email"] = to,
                ["SiteUrl"] = urls.Base,
                ["PasswordUrl"] = $"{urls.Base}/account/password",
                ["TwoFactorUrl"] = $"{urls.Base}/account/two-factor",
                ["Interval"] = $"{Math.Max(1, (int)login.Value.Forget.TotalMinutes)} minutes",
            });
            messages[row.Id] = EmailEnvelope.Create(email.Value.From, null, to, to, rendered);
        }
        return messages;
    }
}
