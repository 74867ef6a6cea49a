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
/// NOTHING RETURNING, whose returned rows say which requests were new; then one count UPDATE per petition and the
/// outbox rows for the confirmations. The same SQL runs on SQLite and PostgreSQL.
/// </summary>
public sealed class SignatureBatchWriter(UndersignedDb db, ConfirmationRequests confirmations, OutboxSignal outbox,
    TimeProvider clock)
{
    private const string Columns = "petition_id, first_name, last_name, email, normalized_email, postal_code, country, "
        + "comment, show_name_publicly, wants_updates, locale, created_at, status, confirmed_at, "
        + "confirmation_requested_at, confirmation_requests, held_for_review, review_flags, source, source_organization_id";

    /// <summary>The outcome of each request, in the order given.</summary>
    public async Task<SignOutcome[]> WriteAsync(IReadOnlyList<SignatureRequest> requests, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var inserted = await InsertAsync(requests, now, transaction, ct);

        var outcomes = new SignOutcome[requests.Count];
        var counted = new Dictionary<int, int>();
        var confirmationsToSend = new List<long>();
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            // Only the first request of a (petition, email) in the batch owns the new row; later ones are duplicates.
            if (inserted.Remove((r.PetitionId, r.Signature.NormalizedEmail), out var id))
            {
                PartnerConsents.Record(db, id, r, now);
                var status = SignPetition.InitialStatus(r.Policy, r.Review ?? Review.None);
                if (status == SignatureStatus.Counted)
                {
                    counted[r.PetitionId] = counted.GetValueOrDefault(r.PetitionId) + 1;
                    outcomes[i] = SignOutcome.Counted;
                }
                else if (status == SignatureStatus.Held)
                {
                    outcomes[i] = SignOutcome.HeldForReview;
                }
                else
                {
                    confirmationsToSend.Add(id);
                    outcomes[i] = SignOutcome.ConfirmationSent;
                }
            }
            else
            {
                outcomes[i] = await confirmations.RequestAgainAsync(r.PetitionId, r.Signature.NormalizedEmail, now, ct) switch
                {
                    ResendResult.Sent => SignOutcome.ConfirmationResent,
                    ResendResult.TooSoon => SignOutcome.ConfirmationRecentlySent,
                    _ => SignOutcome.AlreadySigned,
                };
            }
        }

        foreach (var (petitionId, n) in counted)
        {
            await db.Petitions.Where(p => p.Id == petitionId)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.SignatureCount, x => x.SignatureCount + n), ct);
        }
        foreach (var id in confirmationsToSend)
        {
            await ConfirmationRequests.EnqueueAsync(db, id, now, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (confirmationsToSend.Count > 0 || outcomes.Contains(SignOutcome.ConfirmationResent))
        {
            outbox.Wake();
        }
        return outcomes;
    }

    private async Task<Dictionary<(int, string), long>> InsertAsync(IReadOnlyList<SignatureRequest> requests, DateTime now,
        IDbContextTransaction transaction, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var sql = new StringBuilder($"INSERT INTO signatures ({Columns}) VALUES ");
        // Rows in key order: two instances writing overlapping batches take their index locks in the same order,
        // so they can wait for each other but never deadlock.
        var ordered = requests.OrderBy(r => r.PetitionId).ThenBy(r => r.Signature.NormalizedEmail, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (petitionId, policy, s, locale, review, referral, _, _) = ordered[i];
            review ??= Review.None;
            var status = SignPetition.InitialStatus(policy, review);
            var pending = status == SignatureStatus.Pending;
            object?[] values =
            [
                petitionId, s.FirstName, s.LastName, s.Email, s.NormalizedEmail, s.PostalCode, s.Country, s.Comment,
                s.ShowNamePublicly, s.WantsUpdates, locale, now, status.ToString(),
                pending ? null : now, pending ? now : null, pending ? 1 : 0, review.Hold, review.Flags,
                referral?.Source, referral?.Organization.Id,
            ];
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
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            inserted[(reader.GetInt32(1), reader.GetString(2))] = reader.GetInt64(0);
        }
        return inserted;
    }

    private static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
