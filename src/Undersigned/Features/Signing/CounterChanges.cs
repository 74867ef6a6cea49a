using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Undersigned.Data;
using Undersigned.Features.Petitions;
using Undersigned.Storage;

namespace Undersigned.Features.Signing;

/// <summary>
/// Changes to the open-data counters (<see cref="SignatureCounter"/>: counted signatures by country, US state and
/// UTC hour) gathered over a batch and written in one upsert, in the caller's transaction, beside the petition's
/// tallies. Every place that changes a count adds here what each signature it moved into or out of Counted was.
/// </summary>
public sealed class CounterChanges
{
    private static readonly string[] Columns = ["petition_id", "kind", "key", "count"];

    private readonly Dictionary<(int PetitionId, CounterKind Kind, string Key), int> _changes = [];

    /// <summary>Adds <paramref name="delta"/> (one counted signature more, or less) to the counters its facts fall in.</summary>
    public void Add(int petitionId, string country, string? postalCode, DateTime signedAt, int delta)
    {
        if (delta == 0)
        {
            return;
        }
        Change(petitionId, CounterKind.Country, country, delta);
        if (StateOf(country, postalCode) is { } state)
        {
            Change(petitionId, CounterKind.State, state, delta);
        }
        Change(petitionId, CounterKind.Hour, HourKey(signedAt), delta);
    }

    public bool IsEmpty => _changes.Values.All(d => d == 0);

    /// <summary>The US state a counted signature falls in: by its ZIP code's first three digits, as the delivery package does.</summary>
    public static string? StateOf(string country, string? postalCode) => country == "US" ? UsStates.OfZip(postalCode) : null;

    /// <summary>How an hour's counter key is written, 2026-12-03T14: the keys sort as the hours do.</summary>
    public const string HourKeyFormat = "yyyy-MM-dd'T'HH";

    /// <summary>The counter key of the UTC hour <paramref name="at"/> falls in.</summary>
    public static string HourKey(DateTime at) =>
        (at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : at).ToString(HourKeyFormat, CultureInfo.InvariantCulture);

    public void Apply(DbConnection connection, DbTransaction transaction)
    {
        foreach (var command in Commands(connection, transaction))
        {
            using (command)
            {
                command.ExecuteNonQuery();
            }
        }
    }

    public async Task ApplyAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        foreach (var command in Commands(connection, transaction))
        {
            await using (command)
            {
                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }

    /// <summary>The same through EF Core's connection, in its current transaction.</summary>
    public Task ApplyAsync(UndersignedDb db, CancellationToken ct) =>
        ApplyAsync(db.Database.GetDbConnection(),
            db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Counters change in a transaction."), ct);

    /// <summary>Adds <paramref name="delta"/> to one counter.</summary>
    public void Change(int petitionId, CounterKind kind, string key, int delta) =>
        _changes[(petitionId, kind, key)] = _changes.GetValueOrDefault((petitionId, kind, key)) + delta;

    private IEnumerable<DbCommand> Commands(DbConnection connection, DbTransaction transaction)
    {
        // In key order, so two transactions changing the same counters take their row locks in the same order.
        var rows = _changes.Where(c => c.Value != 0)
            .OrderBy(c => c.Key.PetitionId).ThenBy(c => c.Key.Kind).ThenBy(c => c.Key.Key, StringComparer.Ordinal)
            .Select(c => new object?[] { c.Key.PetitionId, c.Key.Kind.ToString(), c.Key.Key, c.Value }).ToList();
        return rows.Count == 0 ? [] : RowInserts.Commands(connection, transaction, "signature_counters", Columns, rows,
            "ON CONFLICT (petition_id, kind, key) DO UPDATE SET count = signature_counters.count + excluded.count");
    }
}
