using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer library) that keeps what it receives. It can be told to
/// refuse some recipients for good (550) or for now (451), and to take its time over each message. The outbox
/// benchmark (bench/Undersigned.Bench.Outbox) links this file and tallies arrivals through <see cref="Arrived"/>.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;

    public SmtpSink()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("sink.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new NoDelayListenerFactory());
        running = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
    }

    public int Port { get; }
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>Recipients answered 550 (permanent) or 451 (temporary), by address.</summary>
    public ConcurrentDictionary<string, SmtpReplyCode> Refuse { get; } = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan DelayPerMessage { get; set; }

    /// <summary>Called with each message kept, its size in bytes and when it arrived (Stopwatch ticks).</summary>
    public Action<MimeMessage, long, long>? Arrived { get; set; }

    public IEnumerable<MimeMessage> To(string address) =>
        Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Waits until the condition holds; fails the test with what was received if it never does.</summary>
    public async Task WaitUntilAsync(Func<SmtpSink, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0}s for {what}; received {Received.Count} message(s).");
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }
        stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            foreach (var to in transaction.To)
            {
                if (sink.Refuse.TryGetValue($"{to.User}@{to.Host}", out var code))
                {
                    return new SmtpResponse(code, (int)code >= 500 ? "No such mailbox" : "Try again later");
                }
            }
            if (sink.DelayPerMessage > TimeSpan.Zero)
            {
                await Task.Delay(sink.DelayPerMessage, cancellationToken);
            }
            var arrived = Stopwatch.GetTimestamp();
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            sink.Received.Enqueue(message);
            sink.Arrived?.Invoke(message, buffer.Length, arrived);
            return SmtpResponse.Ok;
        }
    }
}
