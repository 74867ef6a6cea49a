using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer library) that keeps what it receives. It can be told to
/// refuse some recipients at RCPT TO, for good (550) or for now (451), to take its time over each message, to end
/// the sessions its client would keep open (<see cref="SessionEnding"/>), and to hang up on a message it has just
/// kept. The outbox benchmark (bench/Undersigned.Bench.Outbox) links this file and tallies arrivals through
/// <see cref="Arrived"/>.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string MessagesInSession = "sink:messages";

    private readonly CancellationTokenSource stop = new();
    private readonly Task running;
    private readonly SessionEnding ending;
    private readonly ConcurrentDictionary<string, int> offered = new(StringComparer.OrdinalIgnoreCase);
    private int sessions;
    private int sessionsEnded;

    public SmtpSink(SessionEnding ending = SessionEnding.Never)
    {
        this.ending = ending;
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("sink.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        services.Add(new NoDelayListenerFactory());
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, e) =>
        {
            Interlocked.Increment(ref sessions);
            e.Context.CommandExecuted += AfterCommand;
        };
        server.SessionCompleted += (_, _) => Interlocked.Increment(ref sessionsEnded);
        server.SessionFaulted += (_, _) => Interlocked.Increment(ref sessionsEnded);
        server.SessionCancelled += (_, _) => Interlocked.Increment(ref sessionsEnded);
        running = server.StartAsync(stop.Token);
    }

    public int Port { get; }
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>Recipients answered 550 (permanent) or 451 (temporary) at RCPT TO, by address.</summary>
    public ConcurrentDictionary<string, SmtpReplyCode> Refuse { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Recipients whose next message is kept but not answered: the sink hangs up once it has the whole message, as
    /// a server that crashes or a connection that breaks after the hand-over does. The sender cannot know whether the
    /// message arrived. Each address is removed as its message is kept.
    /// </summary>
    public ConcurrentDictionary<string, bool> HangUpAfterData { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Connections accepted so far, and sessions over (ended by either side).</summary>
    public int Sessions => Volatile.Read(ref sessions);

    public int SessionsEnded => Volatile.Read(ref sessionsEnded);

    /// <summary>How many times a recipient was offered in a RCPT TO, accepted or not.</summary>
    public int Offered(string address) => offered.GetValueOrDefault(address);

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

    /// <summary>Ends a session once a message is answered, for the endings that do it then.</summary>
    private void AfterCommand(object? sender, SmtpCommandEventArgs e)
    {
        if (e.Command is not DataCommand)
        {
            return;
        }
        if (ending == SessionEnding.TimeOutAfterEachMessage)
        {
            // What Postfix writes, unasked, when a session has been idle for smtpd_timeout (300 s), before it closes.
            var farewell = Encoding.ASCII.GetBytes("421 4.4.2 sink.test Error: timeout exceeded\r\n");
            e.Context.Pipe.Output.WriteAsync(farewell).AsTask().GetAwaiter().GetResult();
        }
        if (ending is SessionEnding.TimeOutAfterEachMessage or SessionEnding.CloseAfterEachMessage)
        {
            e.Context.Pipe.Dispose();
        }
    }

    private static string Address(IMailbox mailbox) => $"{mailbox.User}@{mailbox.Host}";

    private sealed class Filter(SmtpSink sink) : MailboxFilter
    {
        public override Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
        {
            if (sink.ending == SessionEnding.OneMessagePerSession && context.Properties.ContainsKey(MessagesInSession))
            {
                // A relay's per-connection limit: the next transaction is refused and the session ends.
                throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.ServiceUnavailable,
                    "4.7.0 sink.test Error: too many messages in this session"), quit: true);
            }
            return Task.FromResult(true);
        }

        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            var address = Address(to);
            sink.offered.AddOrUpdate(address, 1, (_, count) => count + 1);
            if (sink.Refuse.TryGetValue(address, out var code))
            {
                throw new SmtpResponseException(new SmtpResponse(code, (int)code >= 500 ? "No such mailbox" : "Try again later"));
            }
            return Task.FromResult(true);
        }
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (sink.DelayPerMessage > TimeSpan.Zero)
            {
                await Task.Delay(sink.DelayPerMessage, cancellationToken);
            }
            var arrived = Stopwatch.GetTimestamp();
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            sink.Received.Enqueue(message);
            sink.Arrived?.Invoke(message, buffer.Length, arrived);
            context.Properties[MessagesInSession] = true;
            if (transaction.To.Any(to => sink.HangUpAfterData.TryRemove(Address(to), out _)))
            {
                context.Pipe.Dispose();
            }
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>How the sink ends a session that its client would keep open, as real servers do.</summary>
public enum SessionEnding
{
    /// <summary>It does not: a session lasts until the client quits (or SmtpServer's own two-minute limit).</summary>
    Never,

    /// <summary>Closes the connection without a word as soon as it has answered a message.</summary>
    CloseAfterEachMessage,

    /// <summary>
    /// Writes Postfix's idle-timeout reply (421 4.4.2) unasked and closes, as soon as it has answered a message: what
    /// a sender keeping its connection finds after five quiet minutes, without the five minutes.
    /// </summary>
    TimeOutAfterEachMessage,

    /// <summary>Answers the MAIL FROM of a second message on one connection with 421 and ends the session.</summary>
    OneMessagePerSession,
}
