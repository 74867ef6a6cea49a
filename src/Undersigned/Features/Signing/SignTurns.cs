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
public sealed class SignTurns(AbuseControl abuse, IOptions<AbuseOptions> options, TimeProvider clock, ILogger<SignTurns> log)
{
    /// <summary>Forms waiting behind one address past which the log says so (at most once a minute).</summary>
    public const int ManyWaiting = 50;

    private sealed class Turn(int atOnce) : IDisposable
    {
        public readonly SemaphoreSlim Gate = new(atOnce, atOnce);
        public int Waiting;

        public void Dispose() => Gate.Dispose();
    }

    private readonly Lock gate = new();
    private readonly Dictionary<ulong, Turn> turns = [];
    private readonly int atOnce = Math.Max(1, options.Value.SignsAtOncePerAddress);
    private long lastWarned;

    public bool Enabled { get; } = options.Value.Enabled;

    /// <summary>
    /// Waits until this address may have one more form handled; dispose the result when it is done. A request with
    /// no address (a Unix socket, an in-process host) waits for nothing: all of them would otherwise share one turn.
    /// </summary>
    public async Task<IDisposable> WaitAsync(string? address, CancellationToken ct)
    {
        if (address is null)
        {
            return NoTurn.Instance;
        }
        var key = abuse.AddressKey(address);
        Turn turn;
        int waiting;
        lock (gate)
        {
            if (!turns.TryGetValue(key, out turn!))
            {
                turns[key] = turn = new Turn(atOnce);
            }
            waiting = ++turn.Waiting;
        }
        if (waiting > ManyWaiting)
        {
            WarnOfQueue(waiting);
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

    // Many forms behind one address are a script replaying, a large NAT, or, most often, a reverse proxy that is not
    // in Proxy:KnownProxies, so that every signer seems to come from it and everyone waits for two turns.
    private void WarnOfQueue(int waiting)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref lastWarned);
        if (now - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref lastWarned, now, last) != last)
        {
            return;
        }
        log.LogWarning("{Waiting} sign forms from one network address are waiting their turn ({AtOnce} at a time). If the "
            + "app is behind a reverse proxy, list it in Proxy:KnownProxies so that each signer's own address is used.",
            waiting, atOnce);
    }

    private sealed class NoTurn : IDisposable
    {
        public static readonly NoTurn Instance = new();

        public void Dispose()
        {
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

public static class SignTurnsPipeline
{
    /// <summary>A sign form (a POST to a page with the sign form) waits for its network address's turn.</summary>
    public static IApplicationBuilder UseSignTurns(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<PerVisitorFormAttribute>() is null
            || context.RequestServices.GetRequiredService<SignTurns>() is not { Enabled: true } turns)
        {
            await next(context);
            return;
        }
        using var turn = await turns.WaitAsync(context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        await next(context);
    });
}
