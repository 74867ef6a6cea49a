using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Undersigned.Bench.Outbox;

/// <summary>
/// An SMTP server on 127.0.0.1 that keeps nothing but a tally: when each message arrived, how big it was, who it
/// was for, and whether its text carries a confirmation link. Both the baseline and the app send here.
/// </summary>
public sealed partial class SmtpSink : IDisposable
{
    private readonly SmtpServer.SmtpServer server;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task running;
    private ConcurrentQueue<long> arrivals = new();
    private ConcurrentDictionary<string, int> recipients = new(StringComparer.OrdinalIgnoreCase);
    private long bytes;
    private int withoutLink;

    private SmtpSink(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("bench-sink")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new NoDelayListenerFactory());
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stopping.Token);
    }

    public int Port { get; }

    public static SmtpSink Start() => new(FreePort.Next());

    /// <summary>Forgets everything received so far, before the next measurement.</summary>
    public void Reset()
    {
        arrivals = new ConcurrentQueue<long>();
        recipients = new ConcurrentDictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        Interlocked.Exchange(ref bytes, 0);
        Interlocked.Exchange(ref withoutLink, 0);
    }

    public int Received => arrivals.Count;

    public int DistinctRecipients => recipients.Count;

    public int WithoutLink => Volatile.Read(ref withoutLink);

    public double AverageSize => arrivals.IsEmpty ? 0 : (double)Interlocked.Read(ref bytes) / arrivals.Count;

    /// <summary>Arrival times (Stopwatch ticks), in order.</summary>
    public long[] Arrivals() => [.. arrivals.Order()];

    /// <summary>Waits until <paramref name="count"/> messages have arrived; returns the arrival time of the last one.</summary>
    public async Task<long> WaitForAsync(int count, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Received < count)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"The SMTP sink received {Received} of {count} messages in {timeout.TotalSeconds:0} s.");
            }
            await Task.Delay(5, ct);
        }
        return Arrivals()[count - 1];
    }

    private Task<SmtpResponse> SaveAsync(IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
        CancellationToken cancellationToken)
    {
        var arrived = Stopwatch.GetTimestamp();
        using var stream = new MemoryStream(buffer.ToArray());
        var message = MimeMessage.Load(stream, cancellationToken);
        if (!ConfirmationLink().IsMatch(message.TextBody ?? ""))
        {
            Interlocked.Increment(ref withoutLink);
        }
        foreach (var to in transaction.To)
        {
            recipients.AddOrUpdate($"{to.User}@{to.Host}", 1, (_, n) => n + 1);
        }
        Interlocked.Add(ref bytes, buffer.Length);
        arrivals.Enqueue(arrived);
        return Task.FromResult(SmtpResponse.Ok);
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

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken) =>
            sink.SaveAsync(transaction, buffer, cancellationToken);
    }

    /// <summary>The link the app writes: {base}/p/{slug}/confirm/{43-character token}.</summary>
    [GeneratedRegex(@"https?://\S+/p/[a-z0-9-]+/confirm/[A-Za-z0-9_-]{43}(\s|$)")]
    private static partial Regex ConfirmationLink();
}
