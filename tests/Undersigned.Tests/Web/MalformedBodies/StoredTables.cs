using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Undersigned.Tests.Infrastructure;

namespace Undersigned.Tests.Web.MalformedBodies;

/// <summary>
/// What is stored, table by table, read straight from the database so that two reads can be compared: every row,
/// column by column, of the tables that hold petitions, signers, their links and consents, and organizations; the
/// number of rows of every other table of the model (tables added later included), whose rows the app may touch on
/// its own (the outbox and the mailbox it fills, keys, staff sign-ins).
/// </summary>
public static class StoredTables
{
    private static readonly string[] RowByRow =
    [
        "petitions", "signatures", "signature_tokens", "consent_records", "partner_opt_ins", "organizations",
        "organization_logos", "sponsorships", "petition_updates", "milestones", "api_keys", "signer_exports",
    ];

    public static Task<IReadOnlyDictionary<string, string>> ReadAsync(UndersignedApp app) => app.QueryAsync(async db =>
    {
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var stored = new Dictionary<string, string>();
            foreach (var table in tables)
            {
                stored[table] = RowByRow.Contains(table)
                    ? await RowsAsync(connection, table)
                    : $"{await ScalarAsync(connection, $"SELECT COUNT(*) FROM \"{table}\"")} rows";
            }
            return (IReadOnlyDictionary<string, string>)stored;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });

    /// <summary>The tables whose content differs between two reads, or nothing.</summary>
    public static IEnumerable<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).Order(StringComparer.Ordinal);

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task<string> RowsAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join('\u001f', values.Select(Text)));
        }
        rows.Sort(StringComparer.Ordinal);
        return string.Join('\n', rows);
    }

    private static string Text(object value) => value switch
    {
        DBNull => "null",
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
