using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Undersigned.Data;

namespace Undersigned.Features.Signing;

/// <summary>
/// Deletes signatures never confirmed within UnconfirmedSignatureLifetime (their links and queued email go with
/// them) and links past their expiry. Counts never included them, so no count changes. Safe to run on every
/// instance at once: each pass is a plain conditional DELETE.
/// </summary>
public sealed class UnconfirmedSignatureSweeper(IServiceScopeFactory scopes, IOptions<SigningOptions> options,
    TimeProvider clock, ILogger<UnconfirmedSignatureSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "Sweeping unconfirmed signatures failed; will try again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - options.Value.UnconfirmedSignatureLifetime;
        await db.SignatureTokens.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(ct);
        // Their remaining links and queued email go with them (ON DELETE CASCADE).
        var removed = await db.Signatures.Where(s => s.Status == SignatureStatus.Pending && s.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            log.LogInformation("Deleted {Count} signature(s) never confirmed.", removed);
        }
        return removed;
    }
}
