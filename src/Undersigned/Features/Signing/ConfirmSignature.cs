using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Undersigned.Storage;
using Undersigned.Data;

namespace Undersigned.Features.Signing;

public enum ConfirmOutcome
{
    /// <summary>The link is good and its signature waits for the signer to press the button.</summary>
    Unconfirmed,
    Confirmed,
    AlreadyConfirmed,
    Expired,
    Invalid,
}

/// <summary>
/// Confirming a signature from the link in its email. Opening the link only checks it (<see cref="CheckAsync"/>):
/// mail scanners open every link, so only the page's button (<see cref="RunAsync"/>) counts. Both are safe to
/// repeat: the first press counts the signature, and every later one answers "already confirmed".
/// </summary>
public sealed class ConfirmSignature(UndersignedDb db, TimeProvider clock)
{
    /// <summary>What pressing the button would do, changing nothing.</summary>
    public async Task<ConfirmOutcome> CheckAsync(int petitionId, string? token, CancellationToken ct) =>
        (await FindAsync(petitionId, token, ct)).Outcome;

    public async Task<ConfirmOutcome> RunAsync(int petitionId, string? token, CancellationToken ct)
    {
        var (outcome, signatureId) = await FindAsync(petitionId, token, ct);
        if (outcome != ConfirmOutcome.Unconfirmed)
        {
            return outcome;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Held for review: confirmed all the same, and the signer is told so, but it counts only once staff release it.
        // One conditional UPDATE decides, so of two presses at once only one changes the row.
        var (connection, tx) = (db.Database.GetDbConnection(), transaction.GetDbTransaction());
        bool changed;
        var counters = new CounterChanges();
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = tx;
            update.CommandText = """
                UPDATE signatures SET previous_status = status, status = CASE WHEN held_for_review THEN 'Held' ELSE 'Counted' END,
                    confirmed_at = @now
                WHERE id = @id AND status = 'Pending'
                RETURNING held_for_review, country, postal_code, created_at
                """;
            RowInserts.Add(update, "@now", now);
            RowInserts.Add(update, "@id", signatureId);
            await using var reader = await update.ExecuteReaderAsync(ct);
            changed = await reader.ReadAsync(ct);
            if (changed)
            {
                var change = SignatureLifecycle.Change(SignatureStatus.Pending, SignatureLifecycle.Confirmed(reader.GetBoolean(0)), paper: false);
                counters.Add(petitionId, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetDateTime(3), change.Counted);
                await reader.DisposeAsync();
                await PetitionTallies.ApplyAsync(connection, tx, petitionId, change, ct);
                await counters.ApplyAsync(connection, tx, ct);
            }
        }
        await transaction.CommitAsync(ct);
        return changed ? ConfirmOutcome.Confirmed : ConfirmOutcome.AlreadyConfirmed;
    }

    private sealed record TokenMatch(DateTime ExpiresAt, long Id, int PetitionId, SignatureStatus Status);

    // Compiled once per model (one per database provider): every confirmation link opened and pressed runs it, and
    // building the LINQ query each time cost more than running it.
    private static readonly ConditionalWeakTable<IModel, Func<UndersignedDb, byte[], CancellationToken, Task<TokenMatch?>>> FindToken = [];

    private static Func<UndersignedDb, byte[], CancellationToken, Task<TokenMatch?>> CompileFindToken() =>
        EF.CompileAsyncQuery((UndersignedDb db, byte[] hash, CancellationToken _) => db.SignatureTokens
            .Where(t => t.TokenHash == hash && t.Purpose == TokenPurpose.Confirm)
            .Join(db.Signatures, t => t.SignatureId, s => s.Id, (t, s) => new TokenMatch(t.ExpiresAt, s.Id, s.PetitionId, s.Status))
            .SingleOrDefault());

    private async Task<(ConfirmOutcome Outcome, long SignatureId)> FindAsync(int petitionId, string? token, CancellationToken ct)
    {
        var hash = SignerTokens.HashOf(token);
        if (hash is null)
        {
            return (ConfirmOutcome.Invalid, 0);
        }
        var found = await FindToken.GetValue(db.Model, _ => CompileFindToken())(db, hash, ct);
        // A token for another petition, or of a withdrawn or invalidated signature, is treated exactly like an unknown one.
        if (found is null || found.PetitionId != petitionId || found.Status is SignatureStatus.Withdrawn or SignatureStatus.Invalidated)
        {
            return (ConfirmOutcome.Invalid, 0);
        }
        if (found.Status is SignatureStatus.Counted or SignatureStatus.Held)
        {
            return (ConfirmOutcome.AlreadyConfirmed, found.Id);
        }
        return (found.ExpiresAt <= clock.GetUtcNow().UtcDateTime ? ConfirmOutcome.Expired : ConfirmOutcome.Unconfirmed, found.Id);
    }
}
