namespace Undersigned.Hosting;

/// <summary>
/// Background work that runs every <see cref="Interval"/> on every instance (the work itself is safe to run twice).
/// A pass that fails, typically because the database is away, is logged and simply runs again at the next tick.
/// </summary>
public abstract class PeriodicJob(TimeProvider clock, ILogger log) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Log { get; } = log;

    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether the first pass runs at start rather than after one interval.</summary>
    protected virtual bool RunsAtStart => true;

    protected abstract Task RunPassAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        if (RunsAtStart)
        {
            await PassAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await PassAsync(stoppingToken);
        }
    }

    private async Task PassAsync(CancellationToken ct)
    {
        try
        {
            await RunPassAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            Log.LogWarning(e, "{Job} failed; it runs again in {Interval}.", GetType().Name, Interval);
        }
    }
}
