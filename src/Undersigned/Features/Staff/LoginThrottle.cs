using Microsoft.Extensions.Options;

namespace Undersigned.Features.Staff;

/// <summary>
/// Counts failed sign-ins per client (network address) and per account (the address typed, whether or not an
/// account has it, so the answers never tell the two apart), in memory only. Past its free failures, a client
/// waits an exponentially growing delay after each failure before its next attempt is even evaluated. An
/// account's delay applies only to clients that have failed themselves and are not a browser known to the
/// account: an attacker's failures slow the attacker, never the owner at a clean or known browser.
/// </summary>
public sealed class LoginThrottle(IOptions<LoginOptions> options, TimeProvider clock)
{
    private readonly LoginOptions settings = options.Value;
    private readonly Lock gate = new();
    private readonly FailureBook clients = new(), accounts = new();

    /// <summary>An attempt to evaluate, or null when it must wait ("too many attempts").</summary>
    public LoginAttempt? Begin(string client, string account, bool knownBrowser)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            var byClient = clients.Get(client, now, settings);
            var byAccount = accounts.Get(account, now, settings);
            var exempt = knownBrowser || byClient.IsClean;
            if (byClient.MustWait(settings.ClientFreeFailures, now, settings)
                || (!exempt && byAccount.MustWait(settings.AccountFreeFailures, now, settings)))
            {
                return null;
            }
            // Counted as in flight at once, so that parallel attempts cannot all slip in before the first fails.
            byClient.InFlight++;
            byAccount.InFlight++;
            return new LoginAttempt(this, byClient, byAccount);
        }
    }

    /// <summary>Records the failure; true when the account's owner should now be told (once per window).</summary>
    internal bool Fail(Failures byClient, Failures byAccount)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            byClient.Record(now);
            byAccount.Record(now);
            if (byAccount.Count < settings.AlertAfter || byAccount.AlertedAt > now - settings.Forget)
            {
                return false;
            }
            byAccount.AlertedAt = now;
            return true;
        }
    }

    /// <summary>Ends an attempt without a failure; a full sign-in also forgets the account's failures.</summary>
    internal void Release(Failures byClient, Failures byAccount, bool signedIn)
    {
        lock (gate)
        {
            byClient.InFlight--;
            byAccount.InFlight--;
            if (signedIn)
            {
                byAccount.Count = 0;
            }
        }
    }
}
