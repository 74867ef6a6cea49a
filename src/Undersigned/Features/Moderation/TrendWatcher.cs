using Microsoft.Extensions.Options;
using Undersigned.Email;
using Undersigned.Hosting;

namespace Undersigned.Features.Moderation;

/// <summary>
/// Looks at every open petition's last hour every <see cref="TrendOptions.Interval"/>, on every instance;
/// <see cref="TrendAlerting"/> makes each alert one row and one email however many look at once.
/// </summary>
public sealed class TrendWatcher(IServiceScopeFactory scopes, IOptions<TrendOptions> options, OutboxSignal outbox,
    TimeProvider clock, ILogger<TrendWatcher> log) : PeriodicJob(clock, log)
{
    protected override TimeSpan Interval => options.Value.Interval;

    /// <summary>The first look is one interval after start, when the app is ready.</summary>
    protected override bool RunsAtStart => false;

    protected override async Task RunPassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var pass = await scope.ServiceProvider.GetRequiredService<TrendAlerting>().RaiseAsync(ct);
        if (pass.Emailed > 0)
        {
            Log.LogInformation("{Count} new trending alert(s); the lead organizers will be emailed.", pass.Emailed);
            outbox.Wake();
        }
    }
}
