using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Undersigned.Tests.Infrastructure;

namespace Undersigned.Tests.Web.MalformedBodies;

/// <summary>
/// Everything stored, table by table, read straight from the database so that two reads can be compared: every
/// row of every table of the model (tables added later included), except where the app's own background work moves
/// rows on its own (the outbox and the mailbox it fills, the data-protection keys), whose rows are only counted.
/// </summary>
public static class StoredTables
{
    private static readonly string[] Moving = ["outbox_messages", "dev_mail_messages", "data_protection_keys"];

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
                stored[table] = Moving.Contains(table)
                    ? $"{await ScalarAsync(connection, $"SELECT COUNT(*) FROM \"{table}\"")} rows"
                    : await RowsAsync(connection, table);
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
