using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Undersigned.Data;

namespace Undersigned.Email;

/// <summary>
/// Delivers queued email: claims a batch under a lease, composes it, sends it over parallel connections, then
/// records each outcome. A row is marked sent only after the server accepted it, so a crash at any point loses
/// nothing; it can only cause the rows that were in flight to be sent once more (see docs/email.md).
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<IEmailComposer> composers,
    IMailTransport transport,
    OutboxSignal signal,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    OutboxMetrics metrics,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    private readonly string worker = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly Dictionary<string, IEmailComposer> byKind = composers.ToDictionary(c => c.Kind);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Dispatch)
        {
            log.LogInformation("Email:Dispatch is false: this instance queues email and leaves sending it to others.");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await DispatchBatchAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database or the mail server is away; leases keep the rows safe until they are back.
                log.LogWarning(e, "Email delivery paused after an error; retrying shortly.");
                await Task.Delay(options.Value.PollInterval * 5, clock, stoppingToken);
            }
            if (handled == 0 && await signal.WaitAsync(options.Value.PollInterval, stoppingToken))
            {
                await Task.Delay(OutboxSignal.AfterAnswer, clock, stoppingToken);
            }
        }
    }

    /// <summary>Sends one batch; returns how many rows it handled.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var batch = await new OutboxClaims(db, scope.ServiceProvider.GetRequiredService<Storage.StorageOptions>())
            .ClaimAsync(worker, settings.BatchSize, now, now + settings.Lease, ct);
        if (batch.Count == 0)
        {
            return 0;
        }

        var messages = new Dictionary<long, MimeMessage>();
        var failures = new ConcurrentDictionary<long, Exception>();
        var inDoubt = batch.Where(m => m.LastError == InFlight).ToList();
        var neverTwice = batch.Where(m => byKind.TryGetValue(m.Kind, out var c) && c.NeverTwice).Select(m => m.Id).ToHashSet();
        foreach (var group in batch.Except(inDoubt).GroupBy(m => m.Kind))
        {
            if (!byKind.TryGetValue(group.Key, out var composer))
            {
                continue;
            }
            try
            {
                foreach (var (id, message) in await composer.ComposeAsync(group.ToList(), db, ct))
                {
                    messages[id] = message;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A composer that fails leaves its rows to the retry schedule rather than holding them to the lease.
                db.ChangeTracker.Clear();
                foreach (var row in group)
                {
                    messages.Remove(row.Id);
                    failures[row.Id] = e;
                }
            }
        }

        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = ct },
            async (pair, token) =>
            {
                try
                {
                    var once = neverTwice.Contains(pair.Key);
                    if (once && !await MarkAsync(pair.Key, InFlight, null, token))
                    {
                        return; // the lease ran out and another dispatcher holds the row now
                    }
                    await transport.SendAsync(pair.Value, token);
                    if (once)
                    {
                        await MarkAsync(pair.Key, null, clock.GetUtcNow().UtcDateTime, token);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures[pair.Key] = e;
                }
            });

        await RecordAsync(db, [.. batch.Except(inDoubt)], messages, failures, ct);
        metrics.Delivered(messages.Keys.Count(id => !failures.ContainsKey(id)), failures.Count);
        await GiveUpAsync(db, inDoubt, ct);
        return batch.Count;
    }

    /// <summary>What a never-twice row says while its message is with the mail server; found on a claimed row, its sender died.</summary>
    public const string InFlight = "In flight: being sent.";

    /// <summary>
    /// Marks one never-twice row in flight before its send, and sent right after it, each in its own short
    /// transaction (the send loop runs in parallel, and a DbContext is not shared across threads). False when this
    /// dispatcher no longer holds the row.
    /// </summary>
    private async Task<bool> MarkAsync(long id, string? lastError, DateTime? sentAt, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        return await db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == worker).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.LastError, lastError).SetProperty(x => x.SentAt, sentAt), ct) == 1;
    }

    /// <summary>
    /// A never-twice row found in flight: its dispatcher died while the mail server had it, so it may have been
    /// delivered. It is closed without sending, so that no one gets it twice.
    /// </summary>
    private async Task GiveUpAsync(UndersignedDb db, List<OutboxMessage> inDoubt, CancellationToken ct)
    {
        if (inDoubt.Count == 0)
        {
            return;
        }
        var ids = inDoubt.Select(m => m.Id).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        log.LogWarning("{Count} email(s) were being sent when their sender stopped; they are not sent again, so no one gets one twice.", ids.Count);
        await db.OutboxMessages.Where(m => m.LockedBy == worker && ids.Contains(m.Id)).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.FailedAt, now).SetProperty(x => x.LockedUntil, (DateTime?)null)
            .SetProperty(x => x.LastError, InDoubt), ct);
    }

    /// <summary>The reason a row given up after a crash carries.</summary>
    public const string InDoubt = "In doubt: its sender stopped while the mail server had it; not sent again, so no one gets it twice.";

    private async Task RecordAsync(UndersignedDb db, List<OutboxMessage> batch, Dictionary<long, MimeMessage> messages,
        ConcurrentDictionary<long, Exception> failures, CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var sent = batch.Where(m => messages.ContainsKey(m.Id) && !failures.ContainsKey(m.Id)).Select(m => m.Id).ToList();
        var orphaned = batch.Where(m => !messages.ContainsKey(m.Id) && !failures.ContainsKey(m.Id)).Select(m => m.Id).ToList();
        // Only rows still held by this dispatcher are updated: a lease that ran out belongs to someone else now.
        var mine = db.OutboxMessages.Where(m => m.LockedBy == worker);

        await mine.Where(m => sent.Contains(m.Id)).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.SentAt, now).SetProperty(x => x.LockedUntil, (DateTime?)null).SetProperty(x => x.LastError, (string?)null), ct);
        await mine.Where(m => orphaned.Contains(m.Id)).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.FailedAt, now).SetProperty(x => x.LockedUntil, (DateTime?)null)
            .SetProperty(x => x.LastError, "Nothing left to send: its subject no longer exists."), ct);

        foreach (var (id, error) in failures)
        {
            var row = batch.First(m => m.Id == id);
            var permanent = error is PermanentDeliveryException || row.Attempts >= settings.MaxAttempts;
            var reason = Truncate($"{error.GetType().Name}: {error.Message}", 500);
            if (permanent)
            {
                log.LogError("Email {Id} ({Kind}) failed for good after {Attempts} attempt(s): {Reason}", id, row.Kind, row.Attempts, reason);
                await mine.Where(m => m.Id == id).ExecuteUpdateAsync(m => m
                    .SetProperty(x => x.FailedAt, now).SetProperty(x => x.LockedUntil, (DateTime?)null).SetProperty(x => x.LastError, reason), ct);
            }
            else
            {
                var retryAt = now + Backoff(row.Attempts, settings);
                log.LogWarning("Email {Id} ({Kind}) will be retried at {RetryAt:u}: {Reason}", id, row.Kind, retryAt, reason);
                await mine.Where(m => m.Id == id).ExecuteUpdateAsync(m => m
                    .SetProperty(x => x.NextAttemptAt, retryAt).SetProperty(x => x.LockedUntil, (DateTime?)null).SetProperty(x => x.LastError, reason), ct);
            }
        }
    }

    /// <summary>Exponential backoff with full jitter between half and the whole of the step, capped.</summary>
    public static TimeSpan Backoff(int attempts, EmailOptions settings)
    {
        var step = settings.RetryBase.TotalSeconds * Math.Pow(2, Math.Max(0, attempts - 1));
        var capped = Math.Min(step, settings.RetryMax.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
