using Undersigned.Storage;
using Xunit.Abstractions;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// A test class that runs on each database with a class fixture per provider (<see cref="PerDatabase{TFixture}"/>).
/// Each test names its database with <c>[Theory, OnEachDatabase]</c> and a <see cref="DatabaseProvider"/> parameter,
/// and starts with <c>await UseAsync(provider)</c>; from then on <see cref="Fixture"/> is that provider's fixture,
/// and the logs of its app go to this test's output.
/// </summary>
public abstract class FixtureTest<TFixture>(PerDatabase<TFixture> fixtures, ITestOutputHelper output)
    : IClassFixture<PerDatabase<TFixture>>, IDisposable
    where TFixture : DatabaseFixture, new()
{
    private TFixture? fixture;

    protected TFixture Fixture => fixture
        ?? throw new InvalidOperationException($"The test has not said which database it runs on: call {nameof(UseAsync)}(provider) first.");

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>Runs the rest of the test on <paramref name="provider"/>'s fixture, started now if no test has yet.</summary>
    protected async Task UseAsync(DatabaseProvider provider)
    {
        fixture = await fixtures.GetAsync(provider, Output);
        fixture.Log.Output = Output;
    }

    public void Dispose()
    {
        fixture?.Log.Output = null;
        GC.SuppressFinalize(this);
    }
}

/// <summary>A test class whose tests each make their own databases (<see cref="DatabaseFixture.CreateDatabaseAsync"/>).</summary>
public abstract class FixtureTest(PerDatabase<DatabaseFixture> fixtures, ITestOutputHelper output)
    : FixtureTest<DatabaseFixture>(fixtures, output);
