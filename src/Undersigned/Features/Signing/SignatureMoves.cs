using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Undersigned.Data;
using Undersigned.Storage;

namespace Undersigned.Features.Signing;

/// <summary>
/// Moves signatures to a new status and the petitions' tallies with them, in the caller's transaction. One UPDATE
/// per chunk of ids records the status each row had (<c>previous_status = status</c>, read from the row it
/// changes), keeps only rows whose status may move (<see cref="SignatureLifecycle.Into"/>), and returns what each
/// was; the tallies and the open-data counters (<see cref="CounterChanges"/>) are changed from those. So a row moved by someone else at the same moment (a confirmation
/// during an invalidation, two staff approving one group) is counted by whichever UPDATE changed it, exactly once.
/// </summary>
public static class SignatureMoves
{
    private const int Chunk = 1_000;

    /// <summary>
    /// Moves the signatures <paramref name="ids"/> that may move to <paramref name="to"/>, optionally only those now
    /// in <paramref name="onlyFrom"/>; <paramref name="also"/> is more of the SET clause (constant SQL, no values).
    /// Returns how many moved. Needs a current transaction.
    /// </summary>
    public static async Task<int> MoveAsync(UndersignedDb db, IReadOnlyCollection<long> ids, SignatureStatus to,
        CancellationToken ct, SignatureStatus[]? onlyFrom = null, string? also = null)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Signatures move in a transaction, with their petitions' tallies.");
        var connection = db.Database.GetDbConnection();
        var from = SignatureLifecycle.Into(to).Where(s => onlyFrom is null || onlyFrom.Contains(s)).ToArray();
        var tallies = new Dictionary<int, Tally>();
        var counters = new CounterChanges();
        var moved = 0;
        foreach (var chunk in ids.Distinct().Chunk(Chunk))
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            var idList = string.Join(", ", chunk.Select((_, i) => "@i" + i));
            var fromList = string.Join(", ", from.Select((_, i) => "@f" + i));
            update.CommandText = $"""
                UPDATE signatures SET previous_status = status, status = @to{(also is null ? "" : ", " + also)}
                WHERE id IN ({idList}) AND status IN ({fromList})
                RETURNING petition_id, previous_status, paper_batch_id, country, postal_code, created_at
                """;
            RowInserts.Add(update, "@to", to.ToString());
            for (var i = 0; i < chunk.Length; i++)
            {
                RowInserts.Add(update, "@i" + i, chunk[i]);
            }
            for (var i = 0; i < from.Length; i++)
            {
                RowInserts.Add(update, "@f" + i, from[i].ToString());
            }
            await using var reader = await update.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var petitionId = reader.GetInt32(0);
                var previous = Enum.Parse<SignatureStatus>(reader.GetString(1));
                var change = SignatureLifecycle.Change(previous, to, paper: !reader.IsDBNull(2));
                tallies[petitionId] = tallies.GetValueOrDefault(petitionId) + change;
                counters.Add(petitionId, reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetDateTime(5), change.Counted);
                moved++;
            }
        }
        foreach (var (petitionId, tally) in tallies)
        {
            await PetitionTallies.ApplyAsync(connection, transaction, petitionId, tally, ct);
        }
        await counters.ApplyAsync(connection, transaction, ct);
        return moved;
    }
}

/// <summary>Changes a petition's maintained figures by a <see cref="Tally"/>, in one UPDATE.</summary>
public static class PetitionTallies
{
    public static void Apply(DbConnection connection, DbTransaction transaction, int petitionId, Tally tally)
    {
        if (!tally.IsZero)
        {
            using var update = Command(connection, transaction, petitionId, tally);
            update.ExecuteNonQuery();
        }
    }

    public static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, int petitionId, Tally tally,
        CancellationToken ct)
    {
        if (!tally.IsZero)
        {
            await using var update = Command(connection, transaction, petitionId, tally);
            await update.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The same through EF Core's connection, in its current transaction.</summary>
    public static Task ApplyAsync(UndersignedDb db, int petitionId, Tally tally, CancellationToken ct) =>
        ApplyAsync(db.Database.GetDbConnection(),
            db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Tallies change in a transaction."),
            petitionId, tally, ct);

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, int petitionId, Tally tally)
    {
        var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = """
            UPDATE petitions SET signature_count = signature_count + @c, held_count = held_count + @h,
                invalidated_count = invalidated_count + @i, paper_count = paper_count + @p
            WHERE id = @id
            """;
        RowInserts.Add(update, "@c", tally.Counted);
        RowInserts.Add(update, "@h", tally.Held);
        RowInserts.Add(update, "@i", tally.Invalidated);
        RowInserts.Add(update, "@p", tally.Paper);
        RowInserts.Add(update, "@id", petitionId);
        return update;
    }
}
