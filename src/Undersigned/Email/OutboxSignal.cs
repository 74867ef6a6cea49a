namespace Undersigned.Email;

/// <summary>Wakes this instance's dispatcher as soon as a request has committed new outbox rows.</summary>
public sealed class OutboxSignal : IDisposable
{
    /// <summary>
    /// How long woken background work waits before it starts: the request that woke it answers first, alone, so
    /// what is owed to an address (an email, a lookup) never shares the moment of the answer, and the answer's timing
    /// cannot tell whether the address signed. Requests that arrive meanwhile are taken in the same batch.
    /// </summary>
    public static readonly TimeSpan AfterAnswer = TimeSpan.FromMilliseconds(20);

    private readonly SemaphoreSlim pending = new(0, 1);

    public void Wake()
    {
        if (pending.CurrentCount == 0)
        {
            try
            {
                pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another request woke it at the same moment; once is enough.
            }
        }
    }

    public void Dispose() => pending.Dispose();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => pending.WaitAsync(timeout, ct);
}
