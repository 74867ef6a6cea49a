using Xunit.Abstractions;

namespace Undersigned.Tests.Infrastructure;

/// <summary>A test that uses a class fixture: the app logs of the fixture go to this test's output while it runs.</summary>
public abstract class FixtureTest : IDisposable
{
    protected FixtureTest(DatabaseFixture fixture, ITestOutputHelper output)
    {
        Fixture = fixture;
        Output = output;
        fixture.Log.Output = output;
    }

    protected DatabaseFixture Fixture { get; }

    protected ITestOutputHelper Output { get; }

    public void Dispose()
    {
        Fixture.Log.Output = null;
        GC.SuppressFinalize(this);
    }
}
