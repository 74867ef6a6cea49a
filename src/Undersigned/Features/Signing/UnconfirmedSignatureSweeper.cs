using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Undersigned.Data;
using Undersigned.Hosting;

namespace Undersigned.Features.Signing;

/// <summary>
/// Deletes signatures never confirmed within UnconfirmedSignatureLifetime (their links and queued email go with
/// them) and links past their expiry. Counts never included them, so no count changes. Safe to run on every
/// instance at once: each pass is a plain conditional DELETE.
/// </summary>
public sealed class UnconfirmedSignatureSweeper(IServiceScopeFactory scopes, IOptions<SigningOptions> options,
    TimeProvider clock, ILogger<UnconfirmedSignatureSweeper> log) : PeriodicJob(clock, log)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override Task RunPassAsync(CancellationToken ct) => SweepAsync(ct);

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var cutoff = now - options.Value.UnconfirmedSignatureLifetime;
        await db.SignatureTokens.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(ct);
        // Their remaining links and queued email go with them (ON DELETE CASCADE).
        var removed = await db.Signatures.Where(s => s.Status == SignatureStatus.Pending && s.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            Log.LogInformation("Deleted {Count} signature(s) never confirmed.", removed);
        }
        return removed;
    }
}
