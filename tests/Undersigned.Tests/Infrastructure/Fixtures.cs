using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Petitions;
using Undersigned.Storage;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// Databases of one provider for one test class: each class gets its own, so tests never see another class's rows.
/// Everything made here is dropped when the class is done. A test class holds one per provider through
/// <see cref="PerDatabase{TFixture}"/>, which starts it on its provider; a subclass adds what its tests share.
/// </summary>
public class DatabaseFixture
{
    private readonly List<IAsyncDisposable> owned = [];

    public DatabaseProvider Provider { get; private set; }

    public TestLog Log { get; } = new();

    /// <summary>Sets the provider, then starts what the fixture shares (<see cref="InitializeAsync"/>).</summary>
    internal Task StartAsync(DatabaseProvider provider)
    {
        Provider = provider;
        return InitializeAsync();
    }

    /// <summary>A new, empty database, removed with the fixture.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync(Provider);
        owned.Add(database);
        return database;
    }

    /// <summary>An app on the given database, not yet started; disposed with the fixture if the test forgets.</summary>
    public UndersignedApp CreateApp(TestDatabase database, string environment = "Development",
        IReadOnlyDictionary<string, string?>? settings = null, bool useKestrel = true)
    {
        var app = new UndersignedApp(database, Log, environment, settings, useKestrel);
        owned.Insert(0, app); // apps go before their databases
        return app;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var resource in owned)
        {
            await resource.DisposeAsync();
        }
        owned.Clear();
    }
}

/// <summary>A database of one provider with one app started on it, shared by the tests of one class.</summary>
public class AppFixture : DatabaseFixture
{
    public TestDatabase Database { get; private set; } = null!;

    public UndersignedApp App { get; private set; } = null!;

    /// <summary>Configuration on top of the database's, for fixtures that need their own (an SMTP server, say).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>The hosting environment the app runs in; Production needs its public address and an email choice.</summary>
    protected virtual string HostEnvironment => "Development";

    /// <summary>
    /// Whether the demo petition counts signatures at once, as an organizer may set it. Most tests are about
    /// signing itself and set it so; the email tests keep the demo's double opt-in.
    /// </summary>
    protected virtual bool DemoCountsAtOnce => true;

    public override async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        App = CreateApp(Database, HostEnvironment, Settings);
        await Task.Run(App.Start);
        if (DemoCountsAtOnce)
        {
            await App.QueryAsync(db => db.Petitions.Where(p => p.Slug == DemoCampaign.Slug)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.CountingPolicy, CountingPolicy.AtOnce)));
        }
    }
}

/// <summary>The app with one transaction per signature (Intake:Mode=Direct), the baseline of the batched intake.</summary>
public sealed class DirectIntakeApp : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Intake:Mode"] = "Direct" };
}
