using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Undersigned.Data;
using Undersigned.Email;

namespace Undersigned.Features.Signing;

/// <summary>
/// Writes a batch of signatures in one transaction with plain ADO.NET: one multi-row INSERT ... ON CONFLICT DO
/// NOTHING RETURNING, whose returned rows say which requests were new; then one count UPDATE per petition, the
/// outbox rows for the confirmations, and one multi-row INSERT of address requests for every address that had
/// signed before (answered by email in the background, <see cref="AddressRequestResolver"/>). Nothing in the batch
/// reads what a known address signed. The same SQL runs on SQLite and PostgreSQL. Synchronous on purpose: it runs on
/// the intake's own thread (<see cref="BatchedIntake"/>), so no step of a batch waits behind request work in the
/// thread pool. The Direct intake writes a batch of one through it (<see cref="DirectIntake"/>).
/// </summary>
public sealed class SignatureBatchWriter(UndersignedDb db, OutboxSignal outbox, AddressRequestResolver addressRequests,
    TimeProvider clock)
{
    private static readonly string InsertPrefix = $"INSERT INTO signatures ({string.Join(", ", SignatureRows.Columns)}) VALUES ";

    /// <summary>The outcome of each request, in the order given.</summary>
    public SignOutcome[] Write(IReadOnlyList<SignatureRequest> requests)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        using var transaction = db.Database.BeginTransaction();
        var inserted = Insert(requests, now, transaction);

        var outcomes = new SignOutcome[requests.Count];
        var counted = new Dictionary<int, int>();
        var confirmationsToSend = new List<long>();
        var signedBefore = new List<SignatureRequest>();
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            // Only the first request of a (petition, email) in the batch owns the new row; later ones are duplicates.
            if (inserted.Remove((r.PetitionId, r.Signature.NormalizedEmail), out var id))
            {
                PartnerConsents.Record(db, id, r, now);
                var status = SignatureRows.InitialStatus(r.Policy, r.Review ?? Review.None);
                if (status == SignatureStatus.Counted)
                {
                    counted[r.PetitionId] = counted.GetValueOrDefault(r.PetitionId) + 1;
                }
                else if (status == SignatureStatus.Pending)
                {
                    confirmationsToSend.Add(id);
                }
                outcomes[i] = status switch
                {
                    SignatureStatus.Counted => SignOutcome.Counted,
                    SignatureStatus.Held => SignOutcome.HeldForReview,
                    _ => SignOutcome.ConfirmationSent,
                };
            }
            else
            {
                signedBefore.Add(r);
                outcomes[i] = SignOutcome.SignedBefore;
            }
        }

        foreach (var (petitionId, n) in counted)
        {
            Execute(transaction, "UPDATE petitions SET signature_count = signature_count + @n WHERE id = @id",
                ("@n", n), ("@id", petitionId));
        }
        foreach (var id in confirmationsToSend)
        {
            ConfirmationRequests.Enqueue(db, id, now);
        }
        AskAboutSignedBefore(signedBefore, now, transaction);
        // Consent records and opt-ins of the new signatures, added above.
        db.SaveChanges();
        transaction.Commit();
        if (confirmationsToSend.Count > 0)
        {
            outbox.Wake();
        }
        if (signedBefore.Count > 0)
        {
            addressRequests.Wake();
        }
        return outcomes;
    }

    private Dictionary<(int, string), long> Insert(IReadOnlyList<SignatureRequest> requests, DateTime now,
        IDbContextTransaction transaction)
    {
        using var command = Command(transaction);
        var sql = new StringBuilder(InsertPrefix);
        // Rows in key order: two instances writing overlapping batches take their index locks in the same order,
        // so they can wait for each other but never deadlock.
        var ordered = requests.OrderBy(r => r.PetitionId).ThenBy(r => r.Signature.NormalizedEmail, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var values = SignatureRows.Values(ordered[i], now);
            sql.Append(i == 0 ? "(" : ", (");
            for (var v = 0; v < values.Length; v++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@p{i}_{v}");
                sql.Append(v == 0 ? name : ", " + name);
                AddParameter(command, name, values[v]);
            }
            sql.Append(')');
        }
        sql.Append(" ON CONFLICT (petition_id, normalized_email) DO NOTHING RETURNING id, petition_id, normalized_email");
        command.CommandText = sql.ToString();

        var inserted = new Dictionary<(int, string), long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            inserted[(reader.GetInt32(1), reader.GetString(2))] = reader.GetInt64(0);
        }
        return inserted;
    }

    /// <summary>One address request per address of the batch that had signed, all in one statement.</summary>
    private void AskAboutSignedBefore(List<SignatureRequest> signedBefore, DateTime now, IDbContextTransaction transaction)
    {
        if (signedBefore.Count == 0)
        {
            return;
        }
        using var command = Command(transaction);
        var sql = new StringBuilder("INSERT INTO address_requests (petition_id, purpose, normalized_email, created_at) VALUES ");
        AddParameter(command, "@purpose", nameof(AddressRequestPurpose.SignedAgain));
        AddParameter(command, "@now", now);
        for (var i = 0; i < signedBefore.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"@a{i}");
            sql.Append(i == 0 ? "(" : ", (").Append(name).Append("p, @purpose, ").Append(name).Append("e, @now)");
            AddParameter(command, name + "p", signedBefore[i].PetitionId);
            AddParameter(command, name + "e", signedBefore[i].Signature.NormalizedEmail);
        }
        command.CommandText = sql.ToString();
        command.ExecuteNonQuery();
    }

    private void Execute(IDbContextTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(transaction);
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }
        command.ExecuteNonQuery();
    }

    private DbCommand Command(IDbContextTransaction transaction)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        return command;
    }

    private static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
