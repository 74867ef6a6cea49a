using System.Diagnostics;
using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Undersigned.Email;
using Undersigned.Features.Signing;

namespace Undersigned.Bench.Outbox;

/// <summary>
/// The baseline: the same confirmation emails, composed in advance with the app's own templates, sent straight
/// through MailKit over the same number of open connections. No database, no outbox: the SMTP path alone.
/// </summary>
public static class DirectSend
{
    public static List<MimeMessage> Compose(int count, string tag)
    {
        var culture = CultureInfo.GetCultureInfo("en");
        var expires = DateTime.UtcNow.AddDays(7);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var (token, _) = SignerTokens.Create();
            var rendered = EmailTemplates.Render(ConfirmationRequests.Kind, culture, new Dictionary<string, string>
            {
                ["FirstName"] = Signers.FirstName(i),
                ["PetitionTitle"] = "Stop surveilling Black and brown neighborhoods with ShotSpotter",
                ["TargetName"] = "ShotSpotter's CEO",
                ["ConfirmUrl"] = $"http://127.0.0.1:5080/p/stop-shotspotter/confirm/{token}",
                ["ExpiresOn"] = expires.ToString("D", culture),
            });
            return EmailEnvelope.Create("Undersigned <petitions@undersigned.invalid>", null,
                $"{Signers.FirstName(i)} {Signers.LastName(i)}", Signers.Email(tag, i), rendered);
        })];
    }

    /// <summary>Sends every message, each connection taking the next one; returns the start time (Stopwatch ticks).</summary>
    public static async Task<long> SendAsync(IReadOnlyList<MimeMessage> messages, int port, int connections,
        CancellationToken ct)
    {
        var clients = new List<SmtpClient>();
        try
        {
            for (var i = 0; i < connections; i++)
            {
                var client = new SmtpClient { Timeout = 30_000 };
                clients.Add(client);
                await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None, ct);
            }
            var next = -1;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(clients.Select(async client =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < messages.Count)
                {
                    await client.SendAsync(messages[i], ct);
                }
            }));
            return started;
        }
        finally
        {
            foreach (var client in clients)
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
                client.Dispose();
            }
        }
    }
}
