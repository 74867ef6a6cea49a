using Microsoft.Extensions.Options;
using Undersigned.Hosting;

namespace Undersigned.Features.OpenData;

/// <summary>Configuration under <c>OpenData:</c> (docs/api.md).</summary>
public sealed class OpenDataOptions
{
    /// <summary>How often each instance recounts the counters from the rows and reports drift (it never fixes it).</summary>
    public TimeSpan RecountInterval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// The nightly recount: every counter compared with the rows, and each drift logged as a warning for the operator,
/// who fixes it with <c>recount --fix</c> once they know why it happened.
/// </summary>
public sealed class RecountJob(IServiceScopeFactory scopes, IOptions<OpenDataOptions> options, TimeProvider clock,
    ILogger<RecountJob> log) : PeriodicJob(clock, log)
{
    protected override TimeSpan Interval => options.Value.RecountInterval;

    protected override bool RunsAtStart => false;

    protected override async Task RunPassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var drift = await scope.ServiceProvider.GetRequiredService<CounterRecount>().RunAsync(fix: false, ct);
        foreach (var d in drift)
        {
            Log.LogWarning("Counter drift on {Petition}: {Kind} {Key} is {Stored}, the signatures give {Recounted}; run 'recount --fix' to correct it.",
                d.Petition, d.Kind, d.Key, d.Stored, d.Recounted);
        }
    }
}
