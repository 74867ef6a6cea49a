using Microsoft.Extensions.Options;
using Undersigned.Email;

namespace Undersigned.Features.Updates;

/// <summary>Configuration under <c>Milestones:</c>.</summary>
public sealed class MilestoneOptions
{
    /// <summary>How often each instance looks for milestones that counts have reached.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Looks for reached milestones every few seconds, in every instance; <see cref="MilestoneFiring"/> makes sure
/// each fires once. Counts change in many places (signing, confirming, withdrawing), so polling the one table is
/// simpler and surer than a hook in each.
/// </summary>
public sealed class MilestoneWatcher(IServiceScopeFactory scopes, IOptions<MilestoneOptions> options, OutboxSignal outbox,
    TimeProvider clock, ILogger<MilestoneWatcher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var fired = await scope.ServiceProvider.GetRequiredService<MilestoneFiring>().FireDueAsync(stoppingToken);
                if (fired > 0)
                {
                    log.LogInformation("{Count} milestone(s) reached; organizers will be emailed.", fired);
                    outbox.Wake();
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is away; the next tick tries again, and nothing was half done.
                log.LogWarning(e, "Could not check milestones; trying again at the next tick.");
            }
        }
    }
}
