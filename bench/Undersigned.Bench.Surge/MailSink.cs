using Undersigned.Tests.Infrastructure;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Undersigned.Bench.Surge;

/// <summary>
/// An SMTP server on 127.0.0.1 that keeps no message: it logs each one (a confirmation or another email, and for
/// whom), and hands the link of a confirmation to the signers who will press its button, for
/// <c>ConfirmPercent</c> % of the recipients, always the same ones for the same address.
/// </summary>
public sealed partial class MailSink : IDisposable
{
    private readonly SmtpServer.SmtpServer server;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task running;
    private readonly int confirmPercent;
    private readonly EventLog events;
    private readonly ConfirmingSigners signers;

    private MailSink(int port, int confirmPercent, EventLog events, ConfirmingSigners signers)
    {
        Port = port;
        this.confirmPercent = confirmPercent;
        this.events = events;
        this.signers = signers;
        // SmtpServer ends every session two minutes after it began, busy or not. The app keeps its connections open
        // from batch to batch, and each one closed under it cost the email being sent on it a retry 15 to 30 s
        // later, which the drain then measured. A relay may close connections too (surge.sh counts retries); this
        // sink keeps them, so that the outbox's own pace is what is measured.
        var options = new SmtpServerOptionsBuilder().ServerName("surge-sink")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).SessionTimeout(TimeSpan.FromHours(2)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new NoDelayListenerFactory());
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stopping.Token);
    }

    public int Port { get; }

    public static MailSink Start(int confirmPercent, EventLog events, ConfirmingSigners signers)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new MailSink(port, confirmPercent, events, signers);
    }

    private Task<SmtpResponse> SaveAsync(IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
    {
        using var stream = new MemoryStream(buffer.ToArray());
        var message = MimeMessage.Load(stream, ct);
        var to = transaction.To.Count > 0 ? $"{transaction.To[0].User}@{transaction.To[0].Host}" : "-";
        var link = ConfirmationLink().Match(message.TextBody ?? "");
        if (!link.Success)
        {
            events.Add("M", "other", to);
        }
        else if (Opens(to))
        {
            events.Add("M", "confirm-opened", to);
            signers.Confirm(link.Value);
        }
        else
        {
            events.Add("M", "confirm-ignored", to);
        }
        return Task.FromResult(SmtpResponse.Ok);
    }

    /// <summary>Whether this recipient opens the link: a stable hash of the address, so repeats decide alike.</summary>
    private bool Opens(string address)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(address.ToLowerInvariant()))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash % 100 < confirmPercent;
    }

    public void Dispose()
    {
        server.Shutdown();
        stopping.Cancel();
        try
        {
            running.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Cancelled on purpose.
        }
        stopping.Dispose();
    }

    private sealed class Store(MailSink sink) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken) =>
            sink.SaveAsync(transaction, buffer, cancellationToken);
    }

    /// <summary>The link the app writes: {base}/p/{slug}/confirm/{43-character token}.</summary>
    [GeneratedRegex(@"https?://[^\s/]+/p/[a-z0-9-]+/confirm/[A-Za-z0-9_-]{43}")]
    private static partial Regex ConfirmationLink();
}
