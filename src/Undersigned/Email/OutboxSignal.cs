namespace Undersigned.Email;

/// <summary>Wakes this instance's dispatcher as soon as a request has committed new outbox rows.</summary>
public sealed class OutboxSignal : IDisposable
{
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
