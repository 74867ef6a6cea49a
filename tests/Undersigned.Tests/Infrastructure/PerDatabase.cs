using System.Collections.Concurrent;
using Undersigned.Storage;
using Xunit.Abstractions;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// The class fixture of a test class that runs on each database: one <typeparamref name="TFixture"/> per provider,
/// started when a test of the class first asks for it and disposed with the class, so a run filtered to one
/// provider never starts the other. A fixture that fails to start fails every test that asks for it (a missing
/// PostgreSQL fails the PostgreSQL tests, it does not skip them).
/// </summary>
public sealed class PerDatabase<TFixture> : IAsyncLifetime where TFixture : DatabaseFixture, new()
{
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<TFixture>>> fixtures = new();

    /// <summary>The fixture on <paramref name="provider"/>; the first caller's output gets the start-up logs.</summary>
    public Task<TFixture> GetAsync(DatabaseProvider provider, ITestOutputHelper? output = null) =>
        fixtures.GetOrAdd(provider, p => new Lazy<Task<TFixture>>(() => StartAsync(p, output))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // One that failed to start has disposed of itself already.
        foreach (var started in fixtures.Values)
        {
            if (started.IsValueCreated && started.Value.IsCompletedSuccessfully)
            {
                await started.Value.Result.DisposeAsync();
            }
        }
        fixtures.Clear();
    }

    private static async Task<TFixture> StartAsync(DatabaseProvider provider, ITestOutputHelper? output)
    {
        var fixture = new TFixture();
        fixture.Log.Output = output;
        try
        {
            await fixture.StartAsync(provider);
            return fixture;
        }
        catch
        {
            // What it made before failing (a database, an SMTP server) goes now: no test will use it.
            await fixture.DisposeAsync();
            throw;
        }
    }
}
