using System.Globalization;

namespace Undersigned.Storage;

/// <summary>
/// A list of values in hand-written SQL for EF Core's raw-SQL methods, as positional parameters
/// (<c>IN ({3}, {4}, ...)</c>): the same text on SQLite and PostgreSQL, with no value ever written into the SQL.
/// </summary>
public static class SqlLists
{
    /// <summary>"{first}, {first + 1}, ..." for <paramref name="count"/> values.</summary>
    public static string Placeholders(int count, int first) =>
        string.Join(", ", Enumerable.Range(first, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{{{i}}}")));
}
