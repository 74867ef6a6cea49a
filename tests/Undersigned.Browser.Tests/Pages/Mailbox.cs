using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Undersigned.Browser.Tests.Pages;

/// <summary>
/// The signer's inbox: the app's development mailbox, where email stops when no SMTP server is configured.
/// Read over plain HTTP, not through the browser, as a mail client would.
/// </summary>
public sealed partial class Mailbox(Uri origin)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>The confirmation link in the first email sent to this address, once the outbox has delivered it.</summary>
    public async Task<string> ConfirmationLinkForAsync(string email)
    {
        using var http = new HttpClient { BaseAddress = origin };
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var mail = await http.GetFromJsonAsync<List<Mail>>("/dev/mail.json") ?? [];
            var link = mail.Where(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase))
                .Select(m => ConfirmLink().Match(m.Text)).LastOrDefault(match => match.Success);
            if (link is not null)
            {
                return link.Value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No confirmation email to {email} reached the mailbox in {Patience.TotalSeconds}s.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The manage link in the first email to this address whose subject starts with <paramref name="subject"/>.</summary>
    public async Task<string> ManageLinkForAsync(string email, string subject)
    {
        using var http = new HttpClient { BaseAddress = origin };
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var mail = await http.GetFromJsonAsync<List<Mail>>("/dev/mail.json") ?? [];
            var link = mail.Where(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase)
                    && m.Subject.StartsWith(subject, StringComparison.Ordinal))
                .Select(m => ManageLink().Match(m.Text)).LastOrDefault(match => match.Success);
            if (link is not null)
            {
                return link.Value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No email \"{subject}...\" to {email} reached the mailbox in {Patience.TotalSeconds}s.");
            }
            await Task.Delay(100);
        }
    }

    private sealed record Mail(string To, string Subject, string Text);

    [GeneratedRegex(@"https?://\S+/confirm/\S+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"https?://\S+/manage/\S+")]
    private static partial Regex ManageLink();
}
