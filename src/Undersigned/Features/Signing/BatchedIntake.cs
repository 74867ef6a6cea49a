using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Undersigned.Features.Signing;

/// <summary>
/// Group commit: requests queue their signature in a bounded channel and wait; one writer takes whatever has
/// queued up, writes it in one transaction (<see cref="SignatureBatchWriter"/>) and answers every request of the
/// batch once it has committed. While a batch commits the next one gathers, so the busier the petition, the
/// larger the batches and the fewer the disk flushes per signature. A full queue is refused at once (503) rather
/// than left to grow or to time out.
/// </summary>
public sealed class BatchedIntake(IServiceScopeFactory scopes, IOptions<IntakeOptions> options, ILogger<BatchedIntake> log)
    : BackgroundService, ISignatureIntake
{
    private sealed record Queued(SignatureRequest Request, TaskCompletionSource<SignOutcome> Done);

    private readonly Channel<Queued> queue = Channel.CreateBounded<Queued>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public Task<SignOutcome> SubmitAsync(SignatureRequest request, CancellationToken ct)
    {
        var done = new TaskCompletionSource<SignOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(new Queued(request, done)))
        {
            throw new IntakeUnavailableException("Too many signatures are waiting to be written.");
        }
        // The request may give up waiting; the signature is still written and counted.
        return done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Queued>(options.Value.MaxBatchSize);
        // On shutdown the channel is completed and what is queued is still written before the process exits.
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < options.Value.MaxBatchSize && queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            await WriteAsync(batch);
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    private async Task WriteAsync(List<Queued> batch)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var writer = scope.ServiceProvider.GetRequiredService<SignatureBatchWriter>();
            var outcomes = await writer.WriteAsync(batch.Select(q => q.Request).ToList(), CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception e)
        {
            log.LogWarning(e, "A batch of {Count} signature(s) was not written; each signer is asked to try again.", batch.Count);
            var unavailable = new IntakeUnavailableException("The database did not take the signature.", e);
            foreach (var item in batch)
            {
                item.Done.TrySetException(unavailable);
            }
        }
    }
}
