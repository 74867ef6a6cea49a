using Microsoft.Extensions.Options;

namespace Undersigned.Features.Signing;

/// <summary>
/// Sign forms from one network address are handled a few at a time (<c>Abuse:SignsAtOncePerAddress</c>, 2); the
/// others from that address wait their turn, and nothing is refused. A client replaying one address over many
/// connections then takes the share of the instance that two connections take, however many it opens, and the
/// signers around it keep theirs. People behind one NAT lose nothing: a form is handled in tens of milliseconds, so two
/// at a time is still dozens of signatures a second from one address. Only addresses with a form in progress are
/// held in memory, by the same keyed hash abuse control counts them with.
/// </summary>
public sealed class SignTurns(AbuseControl abuse, IOptions<AbuseOptions> options)
{
    private sealed class Turn(int atOnce) : IDisposable
    {
        public readonly SemaphoreSlim Gate = new(atOnce, atOnce);
        public int Waiting;

        public void Dispose() => Gate.Dispose();
    }

    private readonly Lock gate = new();
    private readonly Dictionary<ulong, Turn> turns = [];
    private readonly int atOnce = Math.Max(1, options.Value.SignsAtOncePerAddress);

    public bool Enabled { get; } = options.Value.Enabled;

    /// <summary>Waits until this address may have one more form handled; dispose the result when it is done.</summary>
    public async Task<IDisposable> WaitAsync(string? address, CancellationToken ct)
    {
        var key = abuse.AddressKey(address ?? "unknown");
        Turn turn;
        lock (gate)
        {
            if (!turns.TryGetValue(key, out turn!))
            {
                turns[key] = turn = new Turn(atOnce);
            }
            turn.Waiting++;
        }
        try
        {
            await turn.Gate.WaitAsync(ct);
        }
        catch
        {
            Leave(key, turn);
            throw;
        }
        return new Held(this, key, turn);
    }

    /// <summary>Addresses with a form in progress or waiting.</summary>
    public int Addresses
    {
        get
        {
            lock (gate)
            {
                return turns.Count;
            }
        }
    }

    private void Leave(ulong key, Turn turn)
    {
        lock (gate)
        {
            if (--turn.Waiting == 0)
            {
                turns.Remove(key);
                turn.Dispose(); // no one holds or waits for it any more
            }
        }
    }

    private sealed class Held(SignTurns turns, ulong key, Turn turn) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                turn.Gate.Release();
                turns.Leave(key, turn);
            }
        }
    }
}
