using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Undersigned.Data;
using Undersigned.Email;

namespace Undersigned.Features.Staff;

/// <summary>
/// Queues the email telling an account's owner about repeated failed sign-ins. The outbox row is written off the
/// request's path, so a failure on an existing account takes as long as one on an address with no account; its
/// key lets one row per account be queued per window, however many instances see the failures.
/// </summary>
public sealed class LoginAlerts(IServiceScopeFactory scopes, OutboxSignal outbox, IOptions<LoginOptions> options,
    TimeProvider clock, ILogger<LoginAlerts> log) : BackgroundService
{
    public const string Kind = "staff-login-alert";

    private readonly Channel<int> raised = Channel.CreateBounded<int>(
        new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Raise(int userId) => raised.Writer.TryWrite(userId);

    /// <summary>The account an alert is for, read from its key ("staff-login-alert:{user}").</summary>
    public static int? RecipientOf(string idempotencyKey) =>
        int.TryParse(idempotencyKey.AsSpan(idempotencyKey.LastIndexOf(':') + 1), out var id) ? id : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var userId in raised.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
                await db.EnqueueAtMostEveryAsync(Kind, $"{Kind}:{userId}", null, clock.GetUtcNow().UtcDateTime,
                    options.Value.Forget, stoppingToken);
                outbox.Wake();
            }
            catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException)
            {
                log.LogWarning(e, "Could not queue the failed sign-in email for staff user {UserId}.", userId);
            }
        }
    }
}
