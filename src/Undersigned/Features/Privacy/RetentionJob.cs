using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Undersigned.Data;
using Undersigned.Hosting;

namespace Undersigned.Features.Privacy;

/// <summary>
/// Anonymizes every petition whose retention period is over: closed (or delivered) for longer than
/// Retention:AfterClose. Runs on every instance; anonymizing is idempotent, so two passes at once do no harm.
/// </summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock,
    ILogger<RetentionJob> log) : PeriodicJob(clock, log)
{
    /// <summary>How long a staged paper sheet waits for its import; the same day the paper pages promise.</summary>
    public static readonly TimeSpan StagedSheetsKept = TimeSpan.FromDays(1);

    protected override TimeSpan Interval => options.Value.Interval;

    protected override Task RunPassAsync(CancellationToken ct) => RunAsync(ct);

    /// <summary>Anonymizes the petitions that are due; returns their slugs.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        var now = Clock.GetUtcNow().UtcDateTime;
        // A paper sheet uploaded but never imported holds signers' details: it is kept a day (docs/moderation.md).
        await db.PaperBatches.Where(b => b.Sheet != null && b.ImportedAt < now - StagedSheetsKept).ExecuteDeleteAsync(ct);
        var cutoff = now - options.Value.AfterClose;
        var due = await db.Petitions.AsNoTracking()
            .Where(p => p.AnonymizedAt == null && (p.Status == PetitionStatus.Closed || p.Status == PetitionStatus.Delivered))
            .Where(p => (p.ClosedAt ?? p.DeliveredAt ?? p.EndsAt ?? p.CreatedAt) < cutoff)
            .ToListAsync(ct);
        var anonymizer = scope.ServiceProvider.GetRequiredService<PetitionAnonymizer>();
        foreach (var petition in due)
        {
            await anonymizer.AnonymizeAsync(petition, ct);
        }
        return due.Select(p => p.Slug).ToList();
    }
}
