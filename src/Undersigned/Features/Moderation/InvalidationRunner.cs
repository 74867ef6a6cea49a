using Microsoft.Extensions.Options;
using Undersigned.Hosting;

namespace Undersigned.Features.Moderation;

/// <summary>
/// Carries out the invalidations staff asked for, batch by batch, on every instance (<see cref="Invalidations"/>
/// makes two instances on one job safe). A job survives a restart: it resumes after its last batch.
/// </summary>
public sealed class InvalidationRunner(IServiceScopeFactory scopes, IOptions<ModerationOptions> options,
    TimeProvider clock, ILogger<InvalidationRunner> log) : PeriodicJob(clock, log)
{
    protected override TimeSpan Interval => options.Value.InvalidationPoll;

    protected override async Task RunPassAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var invalidations = scope.ServiceProvider.GetRequiredService<Invalidations>();
            if (await invalidations.NextAsync(ct) is not { } job)
            {
                return;
            }
            while (await invalidations.StepAsync(job, ct))
            {
            }
        }
    }
}
