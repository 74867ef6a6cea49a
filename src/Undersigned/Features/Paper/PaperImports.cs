using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Undersigned.Data;
using Undersigned.Features.Moderation;
using Undersigned.Features.Petitions;
using Undersigned.Features.Signing;
using Undersigned.Storage;

namespace Undersigned.Features.Paper;

/// <summary>
/// Paper signature batches: a sheet is staged (kept in its batch, nothing imported), previewed, then imported in
/// one transaction with set-based inserts, or discarded; an imported batch can be undone as a whole. Each import
/// and undo is a moderation log entry, and the petition's tallies change in the same transaction.
/// </summary>
public sealed class PaperImports(UndersignedDb db, TimeProvider clock)
{
    /// <summary>Rows read, checked and written at a time: memory stays flat however long the sheet.</summary>
    private const int Chunk = 2_000;

    /// <summary>How long a staged sheet waits for its import before it is deleted (it holds signers' details).</summary>
    public static readonly TimeSpan StagedFor = TimeSpan.FromDays(1);

    public static IReadOnlyList<OrganizationRef> Sponsors(Petition petition) =>
        petition.Sponsorships.OrderBy(s => s.Role).ThenBy(s => s.Position)
            .Select(s => new OrganizationRef(s.OrganizationId, s.Organization!.Slug, s.Organization.Name, s.Organization.Website, s.Role))
            .ToList();

    /// <summary>Keeps the sheet in a new staged batch; returns its id. The sheet's bytes are checked by the caller.</summary>
    public async Task<long> StageAsync(Petition petition, string description, byte[] sheet, string staff, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.PaperBatches.Where(b => b.Sheet != null && b.ImportedAt < now - StagedFor).ExecuteDeleteAsync(ct);
        var batch = new PaperBatch
        {
            PetitionId = petition.Id, Description = description, ImportedBy = staff, ImportedAt = now, Sheet = sheet,
        };
        db.PaperBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        return batch.Id;
    }

    /// <summary>
    /// Reads the staged sheet a chunk of rows at a time and checks each chunk against the petition's signatures in
    /// one query. Synchronous, as the sheet is read from memory and each chunk's query is short.
    /// </summary>
    public PaperPreview Preview(Petition petition, PaperBatch batch)
    {
        var preview = new PaperPreview();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var chunk = new List<PaperRow>(Chunk);
        preview.SheetProblem = PaperSheet.Read(batch.Sheet!, Sponsors(petition), (sheet, line, record) =>
        {
            chunk.Add(PaperRow.Read(sheet, line, record));
            if (chunk.Count == Chunk)
            {
                Check(petition.Id, chunk, seen, preview);
                chunk.Clear();
            }
        });
        Check(petition.Id, chunk, seen, preview);
        return preview;
    }

    private void Check(int petitionId, List<PaperRow> rows, HashSet<string> seen, PaperPreview preview)
    {
        var emails = rows.Where(r => r.HasEmail).Select(r => r.Signature!.NormalizedEmail).Distinct().ToList();
        var signed = emails.Count == 0 ? [] : db.Signatures.AsNoTracking()
            .Where(s => s.PetitionId == petitionId && emails.Contains(s.NormalizedEmail))
            .Select(s => s.NormalizedEmail).ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            preview.Rows++;
            if (row.Signature is null)
            {
                preview.ErrorRows++;
                if (preview.Errors.Count < PaperPreview.Shown)
                {
                    preview.Errors.Add(row);
                }
                continue;
            }
            if (row.HasEmail && (signed.Contains(row.Signature.NormalizedEmail) || !seen.Add(row.Signature.NormalizedEmail)))
            {
                preview.Duplicates++;
                if (preview.Repeats.Count < PaperPreview.Shown)
                {
                    var where = signed.Contains(row.Signature.NormalizedEmail) ? "has signed this petition already" : "appears earlier on this sheet";
                    preview.Repeats.Add((row.Line, $"{row.Signature.FirstName} {row.Signature.LastName}", $"This email address {where}."));
                }
                continue;
            }
            preview.ToImport++;
            preview.WithEmail += row.HasEmail ? 1 : 0;
            preview.MayEmail += row.Signature.WantsUpdates ? 1 : 0;
            foreach (var organization in row.SharedWith)
            {
                preview.Shared[organization] = preview.Shared.GetValueOrDefault(organization) + 1;
            }
            if (preview.Sample.Count < PaperPreview.Shown)
            {
                preview.Sample.Add(row);
            }
        }
    }

    /// <summary>
    /// Imports a staged batch whose every row passes, a chunk of rows per statement, all in one transaction;
    /// returns the signatures added (repeats of signers are left out), or null when the batch was imported or
    /// discarded meanwhile (someone else pressed Import first) or no longer passes. Synchronous like the batch
    /// writer: it is plain ADO.NET over EF Core's connection.
    /// </summary>
    public int? Import(Petition petition, long batchId, string staff)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        using var transaction = db.Database.BeginTransaction();
        var (connection, tx) = (db.Database.GetDbConnection(), transaction.GetDbTransaction());
        var batch = db.PaperBatches.AsNoTracking().SingleOrDefault(b => b.Id == batchId && b.PetitionId == petition.Id);
        // The guard: of two staff pressing Import at once, one takes the sheet and the other finds it gone.
        if (batch?.Sheet is not { } sheet || db.PaperBatches.Where(b => b.Id == batchId && b.Sheet != null)
                .ExecuteUpdate(b => b.SetProperty(x => x.Sheet, (byte[]?)null).SetProperty(x => x.ImportedAt, now)
                    .SetProperty(x => x.ImportedBy, staff)) == 0)
        {
            return null;
        }
        var writer = new PaperWriter(connection, tx, petition, batchId, staff, now);
        var chunk = new List<PaperRow>(Chunk);
        var failed = false;
        var problem = PaperSheet.Read(sheet, Sponsors(petition), (s, line, record) =>
        {
            var row = PaperRow.Read(s, line, record);
            failed |= row.Signature is null;
            chunk.Add(row);
            if (chunk.Count == Chunk && !failed)
            {
                writer.Write(chunk);
                chunk.Clear();
            }
        });
        if (problem is not null || failed)
        {
            return null; // the transaction rolls back: the sheet stays staged
        }
        writer.Write(chunk);
        PetitionTallies.Apply(connection, tx, petition.Id, writer.Added * SignatureLifecycle.Of(SignatureStatus.Counted, paper: true));
        writer.Counters.Apply(connection, tx);
        db.PaperBatches.Where(b => b.Id == batchId).ExecuteUpdate(b => b.SetProperty(x => x.Rows, writer.Added));
        ModerationLog.Add(db, petition.Id, ModerationAction.PaperImported, staff, $"paper batch {batchId}: {batch.Description}",
            writer.Added, batch.Description, now);
        db.SaveChanges();
        transaction.Commit();
        return writer.Added;
    }

    /// <summary>
    /// Removes an imported batch's signatures (whatever became of them since: counted, withdrawn or invalidated)
    /// and takes them off the tallies exactly; returns how many, or null when it was undone already.
    /// </summary>
    public async Task<int?> UndoAsync(Petition petition, long batchId, string staff, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (connection, tx) = (db.Database.GetDbConnection(), transaction.GetDbTransaction());
        if (await db.PaperBatches.Where(b => b.Id == batchId && b.PetitionId == petition.Id && b.Sheet == null && b.UndoneAt == null)
                .ExecuteUpdateAsync(b => b.SetProperty(x => x.UndoneAt, now).SetProperty(x => x.UndoneBy, staff), ct) == 0)
        {
            return null;
        }
        var tally = default(Tally);
        var counters = new CounterChanges();
        var removed = 0;
        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = tx;
            delete.CommandText = "DELETE FROM signatures WHERE paper_batch_id = @batch RETURNING status, country, postal_code, created_at";
            RowInserts.Add(delete, "@batch", batchId);
            await using var reader = await delete.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                removed++;
                var was = SignatureLifecycle.Of(Enum.Parse<SignatureStatus>(reader.GetString(0)), paper: true);
                tally += was;
                counters.Add(petition.Id, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetDateTime(3), -was.Counted);
            }
        }
        await PetitionTallies.ApplyAsync(connection, tx, petition.Id, default(Tally) - tally, ct);
        await counters.ApplyAsync(connection, tx, ct);
        ModerationLog.Add(db, petition.Id, ModerationAction.PaperUndone, staff, $"paper batch {batchId}", removed, reason, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return removed;
    }

    /// <summary>Deletes a staged batch and its sheet; returns false when it is no longer staged.</summary>
    public async Task<bool> DiscardAsync(Petition petition, long batchId, CancellationToken ct) =>
        await db.PaperBatches.Where(b => b.Id == batchId && b.PetitionId == petition.Id && b.Sheet != null).ExecuteDeleteAsync(ct) > 0;
}
