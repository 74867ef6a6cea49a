using System.Data.Common;
using System.Globalization;
using Undersigned.Data;
using Undersigned.Features.Signing;
using Undersigned.Storage;

namespace Undersigned.Features.Paper;

/// <summary>
/// Writes a batch's rows a chunk at a time: one multi-row INSERT ... ON CONFLICT DO NOTHING RETURNING for the
/// signatures (a signer already on the petition is left out, online or on paper), then one each for the consent
/// records and partner opt-ins of the rows whose sheet column said yes. The consent record's wording says where
/// the consent came from: "paper sheet, batch N, imported by X".
/// </summary>
public sealed class PaperWriter(DbConnection connection, DbTransaction transaction, Petition petition, long batchId,
    string staff, DateTime now)
{
    public const string WordingVersion = "paper/1";

    private readonly string wording =
        $"paper sheet, batch {batchId.ToString(CultureInfo.InvariantCulture)}, imported by {staff}";

    private readonly string page =
        $"/admin/petitions/{petition.Slug}/paper/{batchId.ToString(CultureInfo.InvariantCulture)}";

    public int Added { get; private set; }

    /// <summary>The open-data counters of the rows added: paper signatures count at once, at the hour of their import.</summary>
    public CounterChanges Counters { get; } = new();

    public void Write(IReadOnlyList<PaperRow> rows)
    {
        var byKey = new Dictionary<string, PaperRow>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            byKey.TryAdd(row.NormalizedEmail(batchId), row); // a repeat on the sheet: its first line is the one kept
        }
        var values = byKey.Values.Select(r => PaperRows.Values(petition.Id, batchId, petition.Locale, r, now)).ToList();
        var (consents, optIns) = (new List<object?[]>(), new List<object?[]>());
        foreach (var command in RowInserts.Commands(connection, transaction, "signatures", PaperRows.Columns, values,
                     "ON CONFLICT (petition_id, normalized_email) DO NOTHING RETURNING id, normalized_email"))
        {
            using (command)
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var id = reader.GetInt64(0);
                    Added++;
                    var row = byKey[reader.GetString(1)];
                    Counters.Add(petition.Id, row.Signature!.Country, row.Signature.PostalCode, now, +1);
                    foreach (var organization in row.SharedWith)
                    {
                        consents.Add([id, petition.Id, organization, nameof(ConsentAction.Granted), wording, WordingVersion, page, petition.Locale, now]);
                        optIns.Add([id, organization, petition.Id, now]);
                    }
                }
            }
        }
        RowInserts.Execute(connection, transaction, "consent_records", PartnerConsents.ConsentColumns, consents);
        RowInserts.Execute(connection, transaction, "partner_opt_ins", PartnerConsents.OptInColumns, optIns);
    }
}
