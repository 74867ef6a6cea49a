using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Undersigned.Data;
using Undersigned.Email;
using Undersigned.Storage;

namespace Undersigned.Features.Signing;

/// <summary>
/// Answers address requests in the background: takes a batch, looks the addresses up in one query, and queues in
/// the same transaction what each signer is owed, under the same limits as before: the confirmation link again for
/// a pending signature (<see cref="ConfirmationRequests"/>), the manage link, or, for a signer who signed again, an
/// email that says so with the manage link; one of each kind per signature per ResendInterval. An address that
/// never signed gets nothing, and its request is deleted with the others.
/// </summary>
public sealed class AddressRequestResolver(IServiceScopeFactory scopes, OutboxSignal outbox, StorageOptions storage,
    IOptions<EmailOptions> email, IOptions<SigningOptions> signing, TimeProvider clock, ILogger<AddressRequestResolver> log)
    : BackgroundService
{
    private readonly SemaphoreSlim pending = new(0, 1);

    /// <summary>Called by a form once its request row is committed.</summary>
    public void Wake()
    {
        if (pending.CurrentCount == 0)
        {
            try
            {
                pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken by another request at the same moment; once is enough.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await ResolveBatchAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The requests stay stored (their transaction rolled back) and are answered once the database is back.
                log.LogWarning(e, "Answering address requests paused after an error; retrying shortly.");
                await Task.Delay(email.Value.PollInterval * 5, clock, stoppingToken);
            }
            if (handled == 0 && await pending.WaitAsync(email.Value.PollInterval, stoppingToken))
            {
                await Task.Delay(OutboxSignal.AfterAnswer, clock, stoppingToken);
            }
        }
    }

    /// <summary>Answers one batch of requests; returns how many it took.</summary>
    public async Task<int> ResolveBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var requests = await AddressRequests.TakeAsync(db, storage.Provider, email.Value.BatchSize, ct);
        if (requests.Count == 0)
        {
            return 0;
        }
        var owed = Owed(requests, await SignersAsync(db, requests, ct));
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = signing.Value;
        var queued = await ConfirmationRequests.RequestAgainAsync(db, owed.Confirmation, now, settings, ct);
        await db.EnqueueEachAsync(ManageLinks.Kind, owed.ManageLink, now, settings.ResendInterval, ct);
        await db.EnqueueEachAsync(ManageLinks.SignedAgainKind, owed.SignedAgain, now, settings.ResendInterval, ct);
        await transaction.CommitAsync(ct);
        if (queued + owed.ManageLink.Count + owed.SignedAgain.Count > 0)
        {
            outbox.Wake();
        }
        return requests.Count;
    }

    private sealed record Signer(long Id, int PetitionId, string NormalizedEmail, SignatureStatus Status);

    private sealed record OwedEmail(HashSet<long> Confirmation, HashSet<long> ManageLink, HashSet<long> SignedAgain);

    /// <summary>The signatures these addresses made, by petition and address; withdrawn ones no longer hold one.</summary>
    private static async Task<Dictionary<(int, string), Signer>> SignersAsync(UndersignedDb db, List<AddressRequest> requests,
        CancellationToken ct)
    {
        var petitions = requests.Select(r => r.PetitionId).Distinct().ToList();
        var addresses = requests.Select(r => r.NormalizedEmail).Distinct().ToList();
        var found = await db.Signatures.AsNoTracking()
            .Where(s => petitions.Contains(s.PetitionId) && addresses.Contains(s.NormalizedEmail))
            .Select(s => new Signer(s.Id, s.PetitionId, s.NormalizedEmail, s.Status))
            .ToListAsync(ct);
        return found.ToDictionary(s => (s.PetitionId, s.NormalizedEmail));
    }

    private static OwedEmail Owed(List<AddressRequest> requests, Dictionary<(int, string), Signer> signers)
    {
        var owed = new OwedEmail([], [], []);
        foreach (var request in requests)
        {
            if (!signers.TryGetValue((request.PetitionId, request.NormalizedEmail), out var s) || s.Status == SignatureStatus.Withdrawn)
            {
                continue; // no one signed with this address: nothing to send, nothing kept
            }
            var to = (request.Purpose, s.Status) switch
            {
                (AddressRequestPurpose.ManageLink, _) => owed.ManageLink,
                (_, SignatureStatus.Pending) => owed.Confirmation,
                (AddressRequestPurpose.SignedAgain, _) => owed.SignedAgain,
                _ => null, // a confirmation link asked for a signature already confirmed
            };
            to?.Add(s.Id);
        }
        return owed;
    }
}
