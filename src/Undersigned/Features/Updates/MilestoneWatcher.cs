using Microsoft.Extensions.Options;
using Undersigned.Email;
using Undersigned.Hosting;

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
    TimeProvider clock, ILogger<MilestoneWatcher> log) : PeriodicJob(clock, log)
{
    protected override TimeSpan Interval => options.Value.PollInterval;

    /// <summary>The first look is one interval after start, when the app is ready.</summary>
    protected override bool RunsAtStart => false;

    /// <summary>A pass that fails (the database is away) left nothing half done; the next tick tries again.</summary>
    protected override async Task RunPassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var fired = await scope.ServiceProvider.GetRequiredService<MilestoneFiring>().FireDueAsync(ct);
        if (fired > 0)
        {
            Log.LogInformation("{Count} milestone(s) reached; organizers will be emailed.", fired);
            outbox.Wake();
        }
    }
}
