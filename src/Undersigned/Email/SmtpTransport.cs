using System.Net.Sockets;
using System.Threading.Channels;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Undersigned.Email;

/// <summary>
/// Sends through MailKit over a small pool of open SMTP connections, one per parallel sender, so a batch does not
/// pay a TCP and TLS handshake per message. A 5xx answer is permanent; everything else may be retried. A kept
/// connection that the server has ended in the meantime (an idle timeout, a relay's limit per session) costs the
/// message nothing: it goes out at once on a new connection, provided the server cannot have received it yet.
/// </summary>
public sealed class SmtpTransport(IOptions<EmailOptions> options, TimeProvider clock, ILogger<SmtpTransport> log)
    : IMailTransport, IAsyncDisposable
{
    /// <summary>
    /// How long a connection may wait in the pool and still be used; an older one is closed and a new one opened.
    /// A server that closes an idle session says so (a FIN, or Postfix's 421 after its 300 s smtpd_timeout), and the
    /// send that finds it is simply made again on a new connection. A NAT or firewall that forgets an idle connection
    /// says nothing: a send on it would wait the whole 30 s timeout before failing. The common ones (cloud NAT gateways,
    /// load balancers) forget after 4 minutes of quiet or more, and after a quiet minute one more handshake costs
    /// nothing that matters.
    /// <para>
    /// Neither of the other checks earns its place. MailKit's <c>IsConnected</c> reports only what MailKit itself
    /// has seen (it turns false on a failed read or write, not when the server hangs up on an idle connection), so it
    /// stays true on exactly the connections in question; it is still checked, for free. A <c>NOOP</c> before reuse
    /// would cost a round trip to find out what the send itself finds out at the same cost, and it would wait out
    /// the same timeout on a forgotten connection.
    /// </para>
    /// </summary>
    private static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(60);

    private readonly Channel<Kept> idle = Channel.CreateUnbounded<Kept>();

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        if (await TakeKeptAsync() is { } kept && await SendOnAsync(kept, reused: true, message, ct))
        {
            return;
        }
        await SendOnAsync(new SmtpClient { Timeout = 30_000 }, reused: false, message, ct);
    }

    /// <summary>A connected client from the pool that has not waited longer than <see cref="MaxIdle"/>, if any.</summary>
    private async Task<SmtpClient?> TakeKeptAsync()
    {
        while (idle.Reader.TryRead(out var kept))
        {
            if (kept.Client.IsConnected && clock.GetElapsedTime(kept.Since) <= MaxIdle)
            {
                return kept.Client;
            }
            await ResetAsync(kept.Client);
        }
        return null;
    }

    /// <summary>
    /// Sends on one client and returns it to the pool. Any failure closes the client. A kept client that the server
    /// had ended before it got the message returns false, and the message is sent again on a new one; any other
    /// failure is thrown, a 5xx answer as a <see cref="PermanentDeliveryException"/>.
    /// </summary>
    private async Task<bool> SendOnAsync(SmtpClient client, bool reused, MimeMessage message, CancellationToken ct)
    {
        var handOver = reused ? new HandOver() : null;
        try
        {
            if (!client.IsConnected)
            {
                await ConnectAsync(client, ct);
            }
            await client.SendAsync(message, ct, handOver);
        }
        catch (Exception e) when (handOver is { Started: false } && EndedByServer(e, client) && !ct.IsCancellationRequested)
        {
            await ResetAsync(client);
            log.LogInformation("The mail server had ended a kept connection ({Reason}); sending at once on a new one.", e.Message);
            return false;
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
        idle.Writer.TryWrite(new Kept(client, clock.GetTimestamp()));
        return true;
    }

    /// <summary>
    /// Whether a failure on a kept connection means that the server had closed it, rather than anything about this
    /// message: MailKit finding itself not connected (<see cref="ServiceNotConnectedException"/>); the connection
    /// ending under it (<see cref="SmtpProtocolException"/> "unexpectedly disconnected", or an
    /// <see cref="IOException"/> around a <see cref="SocketException"/> for a reset); 421, "service not available,
    /// closing the channel", which Postfix sends on an idle timeout and relays send at their limit per session; or
    /// another 4xx after which the server closed the connection too (Gmail's idle timeout answers 451 4.4.2 and
    /// closes). A 4xx on a connection that stays open (greylisting, a full mailbox) and every 5xx are about the
    /// message or its recipient and keep their meaning. A timeout is not counted: a server that is slow to answer
    /// would only be made to wait a second time.
    /// </summary>
    private static bool EndedByServer(Exception e, SmtpClient client) => e switch
    {
        SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable } => true,
        SmtpCommandException c => (int)c.StatusCode is >= 400 and < 500 && !client.IsConnected,
        ServiceNotConnectedException or SmtpProtocolException or IOException or SocketException => true,
        _ => false,
    };

    private async Task ConnectAsync(SmtpClient client, CancellationToken ct)
    {
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
        await foreach (var kept in idle.Reader.ReadAllAsync())
        {
            await ResetAsync(kept.Client);
        }
    }

    /// <summary>A connected client waiting in the pool since a timestamp of the transport's clock.</summary>
    private sealed record Kept(SmtpClient Client, long Since);

    /// <summary>
    /// Notices the first bytes of the message itself going out. MailKit writes them only once the server has taken
    /// the envelope (MAIL FROM, RCPT TO) and answered DATA with 354, or right behind BDAT with CHUNKING. Before that
    /// the server holds nothing it could deliver, so sending again cannot make a second copy. From then on a broken
    /// connection leaves the message in doubt (the server may have queued it and lost only its answer), and it is
    /// left to the outbox's retry. MailKit reports progress only after measuring the message, which it does anyway
    /// for a server that announces SIZE (Postfix does).
    /// </summary>
    private sealed class HandOver : ITransferProgress
    {
        public bool Started { get; private set; }

        public void Report(long bytesTransferred, long totalSize) => Started = true;

        public void Report(long bytesTransferred) => Started = true;
    }
}
