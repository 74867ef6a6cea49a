using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Undersigned.Storage;

/// <summary>
/// Many rows in one INSERT with plain ADO.NET parameters (<c>@r{row}_{column}</c>), the same SQL on SQLite and
/// PostgreSQL. A list too long for one statement is split into as few statements as fit under each database's
/// chosen limit, so the number of statements depends on the number of values, never on what the rows are.
/// </summary>
public static class RowInserts
{
    /// <summary>Parameters per statement on PostgreSQL: well under its 65,535, with room for a suffix's own.</summary>
    public const int MaxParameters = 30_000;

    /// <summary>
    /// Parameters per statement on SQLite. Binding costs more than linearly in the parameters of one statement there
    /// (bench/paper-import.sh: 4,700 rows of 23 columns took 10.7 s at 30,000 per statement, 2.3 s at 5,000 and
    /// 0.8 s at 1,000 or 300), so statements stay small; PostgreSQL is faster with fewer, larger ones.
    /// </summary>
    public const int MaxSqliteParameters = 1_000;

    /// <summary>The commands that insert <paramref name="rows"/> (each in <paramref name="columns"/>' order), with <paramref name="suffix"/> after the VALUES.</summary>
    public static IEnumerable<DbCommand> Commands(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, string suffix = "")
    {
        var limit = connection is Microsoft.Data.Sqlite.SqliteConnection ? MaxSqliteParameters : MaxParameters;
        var perStatement = Math.Max(1, limit / columns.Count);
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", columns).Append(") VALUES ");
            var end = Math.Min(rows.Count, start + perStatement);
            for (var i = start; i < end; i++)
            {
                sql.Append(i == start ? "(" : ", (");
                for (var v = 0; v < columns.Count; v++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@r{i - start}_{v}");
                    sql.Append(v == 0 ? name : ", " + name);
                    Add(command, name, rows[i][v]);
                }
                sql.Append(')');
            }
            command.CommandText = sql.Append(suffix.Length > 0 ? " " + suffix : "").ToString();
            yield return command;
        }
    }

    /// <summary>Runs the inserts; returns the rows affected.</summary>
    public static int Execute(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, string suffix = "")
    {
        var affected = 0;
        foreach (var command in Commands(connection, transaction, table, columns, rows, suffix))
        {
            using (command)
            {
                affected += command.ExecuteNonQuery();
            }
        }
        return affected;
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
