using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Hosting;

namespace Undersigned.Email;

/// <summary>
/// The outbox as an operator watches it during a surge: emails sent and failed as the dispatcher records them,
/// and the backlog (unsent rows) and lag (the oldest unsent row's age), read from the database when metrics are
/// collected, at most once per <see cref="SampleEvery"/> so that a busy scraper cannot load the database.
/// </summary>
public sealed class OutboxMetrics
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(2);

    private readonly Counter<long> sent;
    private readonly Counter<long> failed;
    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly Lock sampling = new();
    private (DateTime At, long Backlog, double Lag) last = (DateTime.MinValue, 0, 0);

    public OutboxMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock)
    {
        this.scopes = scopes;
        this.clock = clock;
        var meter = meters.Create(Metrics.MeterName);
        sent = meter.CreateCounter<long>("undersigned.emails.sent", "{email}", "Emails the mail server accepted.");
        failed = meter.CreateCounter<long>("undersigned.emails.failed", "{email}", "Attempts to send an email that failed (each is retried or given up).");
        meter.CreateObservableGauge("undersigned.outbox.backlog", () => Sample().Backlog, "{email}", "Emails queued and not yet sent.");
        meter.CreateObservableGauge("undersigned.outbox.lag", () => Sample().Lag, "s", "Age of the oldest email queued and not yet sent.");
    }

    public void Delivered(int count, int failures)
    {
        sent.Add(count);
        failed.Add(failures);
    }

    private (DateTime At, long Backlog, double Lag) Sample()
    {
        lock (sampling)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (now - last.At < SampleEvery)
            {
                return last;
            }
            using var scope = scopes.CreateScope();
            var unsent = scope.ServiceProvider.GetRequiredService<UndersignedDb>().OutboxMessages
                .Where(m => m.SentAt == null && m.FailedAt == null);
            var backlog = unsent.LongCount();
            var oldest = unsent.Min(m => (DateTime?)m.CreatedAt);
            last = (now, backlog, oldest is { } created ? Math.Max(0, (now - created).TotalSeconds) : 0);
            return last;
        }
    }
}
