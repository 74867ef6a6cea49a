using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Petitions;
using Undersigned.Features.Signing;

namespace Undersigned.Bench.Outbox;

/// <summary>
/// Writes signatures waiting for confirmation, and their outbox rows, straight into the app's database in one
/// transaction, through the app's own model and its own ConfirmationRequests.Enqueue, so the rows are the ones
/// signing writes and the measurement is of draining alone.
/// </summary>
public sealed class PendingSignatures(DbContextOptions<UndersignedDb> options)
{
    /// <summary>Inserts and commits; returns the moment the commit returned (Stopwatch ticks).</summary>
    public async Task<long> InsertAsync(int count, string tag, CancellationToken ct)
    {
        await using var db = new UndersignedDb(options);
        var petitionId = await db.Petitions.Where(p => p.Slug == DemoCampaign.Slug).Select(p => p.Id).SingleAsync(ct);
        var now = DateTime.UtcNow;
        var signatures = Enumerable.Range(0, count).Select(i => new Signature
        {
            PetitionId = petitionId,
            FirstName = Signers.FirstName(i),
            LastName = Signers.LastName(i),
            Email = Signers.Email(tag, i),
            NormalizedEmail = Signers.Email(tag, i),
            PostalCode = "60621",
            Country = "US",
            Locale = "en",
            CreatedAt = now,
            Status = SignatureStatus.Pending,
            ConfirmationRequestedAt = now,
            ConfirmationRequests = 1,
        }).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Signatures.AddRange(signatures);
        await db.SaveChangesAsync(ct);
        ConfirmationRequests.Enqueue(db, signatures.Select(s => s.Id).ToList(), now);
        await transaction.CommitAsync(ct);
        return Stopwatch.GetTimestamp();
    }

    /// <summary>Outbox rows marked sent, and confirmation links stored, in all.</summary>
    public async Task<(int Sent, int Unsent, int Tokens)> CountAsync(CancellationToken ct)
    {
        await using var db = new UndersignedDb(options);
        // Unsent first: once it reads 0, the other counts no longer move.
        var unsent = await db.OutboxMessages.CountAsync(m => m.SentAt == null, ct);
        // Each confirmation email also carries a manage link; the check is on the confirmation links.
        return (await db.OutboxMessages.CountAsync(m => m.SentAt != null, ct), unsent,
            await db.SignatureTokens.CountAsync(t => t.Purpose == TokenPurpose.Confirm, ct));
    }
}
