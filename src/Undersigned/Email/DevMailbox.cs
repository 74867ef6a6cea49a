using System.Text.RegularExpressions;
using MimeKit;
using Undersigned.Data;

namespace Undersigned.Email;

/// <summary>
/// Keeps mail in the database instead of sending it, when no SMTP server is configured, and prints each link to
/// the console so that a developer can click through a confirmation without any mail set-up.
/// </summary>
public sealed partial class DevMailbox(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DevMailbox> log)
    : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var text = message.TextBody ?? "";
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        db.DevMailMessages.Add(new DevMailMessage
        {
            To = message.To.ToString(),
            Subject = message.Subject ?? "",
            Text = text,
            Html = message.HtmlBody ?? "",
            Headers = string.Join('\n', message.Headers.Where(h => h.Field.StartsWith("List-", StringComparison.Ordinal))
                .Select(h => $"{h.Field}: {h.Value}")),
            SentAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        foreach (Match link in Links().Matches(text))
        {
            log.LogInformation("Mail to {To} ({Subject}): {Link}", message.To, message.Subject, link.Value);
        }
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
