using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Undersigned.Data;
using Undersigned.Email;
using Undersigned.Storage;

namespace Undersigned.Features.Signing;

/// <summary>
/// Writes a batch of signatures in one transaction with plain ADO.NET, set-based: one multi-row INSERT ... ON
/// CONFLICT DO NOTHING RETURNING, whose returned rows say which requests were new; one tally UPDATE per petition (<see cref="PetitionTallies"/>) and one upsert of the open-data counters (<see cref="CounterChanges"/>);
/// then one multi-row INSERT each for the consent records, the partner opt-ins, the confirmation emails' outbox rows,
/// and the address requests of every address that had signed before (answered by email in the background,
/// <see cref="AddressRequestResolver"/>). So a batch costs the same few statements however many of its requests
/// are new, repeated or sharing; nothing in it reads what a known address signed, and nothing goes through EF Core's
/// change tracking. The same SQL runs on SQLite and PostgreSQL. Synchronous on purpose: it runs on the intake's own
/// thread (<see cref="BatchedIntake"/>), so no step of a batch waits behind request work in the thread pool. The
/// Direct intake writes a batch of one through it (<see cref="DirectIntake"/>).
/// </summary>
public sealed class SignatureBatchWriter(UndersignedDb db, OutboxSignal outbox, AddressRequestResolver addressRequests,
    TimeProvider clock)
{
    /// <summary>The outcome of each request, in the order given.</summary>
    public SignOutcome[] Write(IReadOnlyList<SignatureRequest> requests)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        using var transaction = db.Database.BeginTransaction();
        var (connection, tx) = (db.Database.GetDbConnection(), transaction.GetDbTransaction());
        var inserted = Insert(connection, tx, requests, now);

        var outcomes = new SignOutcome[requests.Count];
        var tallies = new Dictionary<int, Tally>();
        var counters = new CounterChanges();
        var confirmationsToSend = new List<long>();
        var (consents, optIns, signedBefore) = (new List<object?[]>(), new List<object?[]>(), new List<object?[]>());
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            // Only the first request of a (petition, email) in the batch owns the new row; later ones are duplicates.
            if (!inserted.Remove((r.PetitionId, r.Signature.NormalizedEmail), out var id))
            {
                signedBefore.Add([r.PetitionId, nameof(AddressRequestPurpose.SignedAgain), r.Signature.NormalizedEmail, now]);
                outcomes[i] = SignOutcome.SignedBefore;
                continue;
            }
            PartnerConsents.AddRows(consents, optIns, id, r, now);
            var status = SignatureRows.InitialStatus(r.Policy, r.Review ?? Review.None);
            var tally = SignatureLifecycle.Of(status, paper: false);
            tallies[r.PetitionId] = tallies.GetValueOrDefault(r.PetitionId) + tally;
            counters.Add(r.PetitionId, r.Signature.Country, r.Signature.PostalCode, now, tally.Counted);
            if (status == SignatureStatus.Pending)
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

        foreach (var (petitionId, tally) in tallies)
        {
            PetitionTallies.Apply(connection, tx, petitionId, tally);
        }
        counters.Apply(connection, tx);
        RowInserts.Execute(connection, tx, "consent_records", PartnerConsents.ConsentColumns, consents);
        RowInserts.Execute(connection, tx, "partner_opt_ins", PartnerConsents.OptInColumns, optIns);
        ConfirmationRequests.Enqueue(db, confirmationsToSend, now);
        RowInserts.Execute(connection, tx, "address_requests", ["petition_id", "purpose", "normalized_email", "created_at"],
            signedBefore);
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

    private static Dictionary<(int, string), long> Insert(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<SignatureRequest> requests, DateTime now)
    {
        // Rows in key order: two instances writing overlapping batches take their index locks in the same order,
        // so they can wait for each other but never deadlock.
        var rows = requests.OrderBy(r => r.PetitionId).ThenBy(r => r.Signature.NormalizedEmail, StringComparer.Ordinal)
            .Select(r => SignatureRows.Values(r, now)).ToList();
        var inserted = new Dictionary<(int, string), long>();
        foreach (var command in RowInserts.Commands(connection, transaction, "signatures", SignatureRows.Columns, rows,
                     "ON CONFLICT (petition_id, normalized_email) DO NOTHING RETURNING id, petition_id, normalized_email"))
        {
            using (command)
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    inserted[(reader.GetInt32(1), reader.GetString(2))] = reader.GetInt64(0);
                }
            }
        }
        return inserted;
    }
}
