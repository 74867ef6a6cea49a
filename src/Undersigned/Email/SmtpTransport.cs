using System.Threading.Channels;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Undersigned.Email;

/// <summary>
/// Sends through MailKit over a small pool of open SMTP connections, one per parallel sender, so a batch does not
/// pay a TCP and TLS handshake per message. A 5xx answer is permanent; everything else may be retried.
/// </summary>
public sealed class SmtpTransport(IOptions<EmailOptions> options) : IMailTransport, IAsyncDisposable
{
    private readonly Channel<SmtpClient> idle = Channel.CreateUnbounded<SmtpClient>();

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        if (!idle.Reader.TryRead(out var client))
        {
            client = new SmtpClient { Timeout = 30_000 };
        }
        try
        {
            await EnsureConnectedAsync(client, ct);
            await client.SendAsync(message, ct);
            idle.Writer.TryWrite(client);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            await ResetAsync(client);
            throw new PermanentDeliveryException($"{(int)e.StatusCode} {e.Message}", e);
        }
        catch
        {
            await ResetAsync(client);
            throw;
        }
    }

    private async Task EnsureConnectedAsync(SmtpClient client, CancellationToken ct)
    {
        if (client.IsConnected)
        {
            return;
        }
        var smtp = options.Value.Smtp;
        var security = !smtp.UseTls ? SecureSocketOptions.None
            : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", ct);
        }
    }

    /// <summary>A connection that failed mid-conversation is dropped, not reused.</summary>
    private static async Task ResetAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: false);
            }
        }
        catch (Exception e) when (e is IOException or ServiceNotConnectedException or OperationCanceledException)
        {
            // Already broken; nothing left to close.
        }
        client.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        idle.Writer.TryComplete();
        await foreach (var client in idle.Reader.ReadAllAsync())
        {
            await ResetAsync(client);
        }
    }
}
