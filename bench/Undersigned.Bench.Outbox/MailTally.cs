using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using MimeKit;
using Undersigned.Tests.Infrastructure;

namespace Undersigned.Bench.Outbox;

/// <summary>
/// The tests' SMTP server on 127.0.0.1 (linked from tests/Undersigned.Tests), with a tally of what arrived since the
/// last reset: when each message arrived, how big it was, who it was for, and whether its text carries a
/// confirmation link. Both the baseline and the app send here.
/// </summary>
public sealed partial class MailTally : IAsyncDisposable
{
    private readonly SmtpSink sink = new();
    private ConcurrentQueue<long> arrivals = new();
    private ConcurrentDictionary<string, int> recipients = new(StringComparer.OrdinalIgnoreCase);
    private long bytes;
    private int withoutLink;

    public MailTally() => sink.Arrived = Count;

    public int Port => sink.Port;

    /// <summary>Forgets everything received so far, before the next measurement.</summary>
    public void Reset()
    {
        arrivals = new ConcurrentQueue<long>();
        recipients = new ConcurrentDictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        Interlocked.Exchange(ref bytes, 0);
        Interlocked.Exchange(ref withoutLink, 0);
        // The sink keeps every message for the tests; the tally is all a benchmark needs.
        sink.Received.Clear();
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

    public ValueTask DisposeAsync() => sink.DisposeAsync();

    private void Count(MimeMessage message, long size, long arrived)
    {
        if (!ConfirmationLink().IsMatch(message.TextBody ?? ""))
        {
            Interlocked.Increment(ref withoutLink);
        }
        foreach (var to in message.To.Mailboxes)
        {
            recipients.AddOrUpdate(to.Address, 1, (_, n) => n + 1);
        }
        Interlocked.Add(ref bytes, size);
        arrivals.Enqueue(arrived);
    }

    /// <summary>The link the app writes: {base}/p/{slug}/confirm/{43-character token}.</summary>
    [GeneratedRegex(@"https?://\S+/p/[a-z0-9-]+/confirm/[A-Za-z0-9_-]{43}(\s|$)")]
    private static partial Regex ConfirmationLink();
}
