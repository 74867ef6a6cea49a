using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Undersigned.Features.Signing;

/// <summary>
/// Group commit: requests queue their signature in a bounded queue and wait; one writer takes whatever has queued
/// up, writes it in one transaction (<see cref="SignatureBatchWriter"/>) and answers every request of the batch once
/// it has committed. While a batch commits the next one gathers, so the busier the petition, the larger the batches
/// and the fewer the disk flushes per signature. A full queue is refused at once (503) rather than left to grow or
/// to time out. The writer has a thread of its own and makes blocking database calls: on a CPU-bound instance, a
/// writer on the thread pool waited behind request work between its own steps, and batches stayed small while
/// requests waited (docs/performance.md).
/// </summary>
public sealed class BatchedIntake(IServiceScopeFactory scopes, IOptions<IntakeOptions> options, IntakeMetrics metrics,
    ILogger<BatchedIntake> log)
    : IHostedService, ISignatureIntake, IDisposable
{
    private sealed record Queued(SignatureRequest Request, TaskCompletionSource<SignOutcome> Done);

    private readonly BlockingCollection<Queued> queue = new(options.Value.QueueCapacity);
    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<SignOutcome> SubmitAsync(SignatureRequest request, CancellationToken ct)
    {
        var done = new TaskCompletionSource<SignOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool queued;
        try
        {
            queued = queue.TryAdd(new Queued(request, done));
        }
        catch (InvalidOperationException)
        {
            queued = false; // shutting down
        }
        if (!queued)
        {
            metrics.Refused();
            throw new IntakeUnavailableException("Too many signatures are waiting to be written.");
        }
        // The request may give up waiting; the signature is still written and counted.
        return done.Task.WaitAsync(ct);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ObserveQueue(() => queue.Count);
        new Thread(WriteLoop) { IsBackground = true, Name = "Signature writer" }.Start();
        return Task.CompletedTask;
    }

    /// <summary>Stops taking signatures; what is queued is still written before the process exits.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            queue.CompleteAdding();
        }
        catch (ObjectDisposedException)
        {
            // A host torn down twice (a test host disposed after its services were) has nothing left to drain.
            return Task.CompletedTask;
        }
        return drained.Task.WaitAsync(cancellationToken);
    }

    private void WriteLoop()
    {
        var batch = new List<Queued>(options.Value.MaxBatchSize);
        try
        {
            while (queue.TryTake(out var first, Timeout.Infinite))
            {
                batch.Clear();
                batch.Add(first);
                while (batch.Count < options.Value.MaxBatchSize && queue.TryTake(out var next))
                {
                    batch.Add(next);
                }
                Write(batch);
            }
        }
        catch (ObjectDisposedException)
        {
            // The host gave up waiting at shutdown and disposed the queue; the process is ending.
        }
        drained.TrySetResult();
    }

    private void Write(List<Queued> batch)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            using var scope = scopes.CreateScope();
            var writer = scope.ServiceProvider.GetRequiredService<SignatureBatchWriter>();
            var outcomes = writer.Write(batch.ConvertAll(q => q.Request));
            metrics.Written(outcomes, Stopwatch.GetElapsedTime(started));
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception e)
        {
            log.LogWarning(e, "A batch of {Count} signature(s) was not written; each signer is asked to try again.", batch.Count);
            metrics.Refused(batch.Count);
            var unavailable = new IntakeUnavailableException("The database did not take the signature.", e);
            foreach (var item in batch)
            {
                item.Done.TrySetException(unavailable);
            }
        }
    }

    public void Dispose() => queue.Dispose();
}
