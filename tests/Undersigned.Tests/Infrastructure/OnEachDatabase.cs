using System.Collections;
using System.Reflection;
using Undersigned.Storage;
using Xunit.Sdk;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// Runs a theory once on each database: SQLite and PostgreSQL. The provider is the test's first argument (so it
/// shows in the test's name) and the test starts with <c>await UseAsync(provider)</c>. A row of further arguments
/// may follow, given here as InlineData would (one attribute per row), or as the rows of a static member named by
/// <see cref="DatabaseRowsAttribute.Rows"/>, as MemberData would.
/// </summary>
public sealed class OnEachDatabaseAttribute(params object?[] row) : DatabaseRowsAttribute(row)
{
    protected override IEnumerable<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];
}

/// <summary>
/// Runs a theory on one database only, for a test about what that provider alone does (two app instances over one
/// PostgreSQL server, say). Otherwise like <see cref="OnEachDatabaseAttribute"/>.
/// </summary>
public sealed class OnDatabaseAttribute(DatabaseProvider provider, params object?[] row) : DatabaseRowsAttribute(row)
{
    protected override IEnumerable<DatabaseProvider> Providers => [provider];
}

/// <summary>The rows of a theory crossed with the databases it runs on, the provider first.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public abstract class DatabaseRowsAttribute(object?[] row) : DataAttribute
{
    /// <summary>A public static property, field or method of the test class whose items are the rows.</summary>
    public string? Rows { get; set; }

    protected abstract IEnumerable<DatabaseProvider> Providers { get; }

    public override IEnumerable<object?[]> GetData(MethodInfo testMethod)
    {
        var rows = Rows is null ? [row] : RowsOf(testMethod.ReflectedType ?? testMethod.DeclaringType!, Rows);
        return [.. Providers.SelectMany(provider => rows.Select(r => (object?[])[provider, .. r]))];
    }

    private static List<object?[]> RowsOf(Type type, string member)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.FlattenHierarchy;
        var value = type.GetProperty(member, flags)?.GetValue(null)
            ?? type.GetField(member, flags)?.GetValue(null)
            ?? type.GetMethod(member, flags, Type.EmptyTypes)?.Invoke(null, null)
            ?? throw new ArgumentException($"{type.Name} has no static property, field or method {member} with rows.", nameof(member));
        return [.. ((IEnumerable)value).Cast<object?>().Select(item => item as object?[] ?? [item])];
    }
}
