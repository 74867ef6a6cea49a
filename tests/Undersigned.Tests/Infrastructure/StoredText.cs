using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Undersigned.Storage;

namespace Undersigned.Tests.Infrastructure;

/// <summary>Scans every text column of every table, to show that some text is stored nowhere (or somewhere).</summary>
public static class StoredText
{
    /// <summary>"table.column" for every text column, in every table, holding <paramref name="text"/>.</summary>
    public static Task<List<string>> ColumnsContainingAsync(UndersignedApp app, DatabaseProvider provider, string text) =>
        app.QueryAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var columns = provider == DatabaseProvider.Postgres
                ? await ReadPairsAsync(connection, """
                    SELECT table_name, column_name FROM information_schema.columns
                    WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character')
                    """)
                : await ReadPairsAsync(connection, """
                    SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
                    WHERE m.type = 'table' AND p.type LIKE '%TEXT%'
                    """);
            Assert.True(columns.Count > 20, $"only {columns.Count} text columns found");
            var found = new List<string>();
            foreach (var (table, column) in columns)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE \"{column}\" LIKE @text";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@text";
                parameter.Value = $"%{text}%";
                command.Parameters.Add(parameter);
                if (Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0)
                {
                    found.Add($"{table}.{column}");
                }
            }
            return found;
        });

    private static async Task<List<(string, string)>> ReadPairsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var pairs = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            pairs.Add((reader.GetString(0), reader.GetString(1)));
        }
        return pairs;
    }
}
