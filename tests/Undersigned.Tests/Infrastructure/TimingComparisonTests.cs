namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// The comparison the timing tests rely on, on made-up times with the shape real request times have (a floor,
/// a long tail, and rounds that are slow together): the same kind is indistinguishable, a small extra step is not.
/// </summary>
public sealed class TimingComparisonTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Two_runs_of_the_same_kind_are_indistinguishable(int seed)
    {
        var (a, b, c) = Rounds(seed, extraForA: 0);
        Assert.True(TimingComparison.Of(a, b, c).Indistinguishable);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_step_a_tenth_of_a_request_long_is_told_apart(int seed)
    {
        var (a, b, c) = Rounds(seed, extraForA: 0.4);
        var comparison = TimingComparison.Of(a, b, c);
        Assert.False(comparison.Indistinguishable, comparison.ToString());
        Assert.InRange(comparison.PairedDifference, 0.2, 0.6);
    }

    /// <summary>300 rounds of three requests of about 4 ms, each round sharing a load of its own.</summary>
    private static (List<double>, List<double>, List<double>) Rounds(int seed, double extraForA)
    {
        var random = new Random(seed);
        double Request() => 3 + -Math.Log(1 - random.NextDouble()) * 0.8;
        var (a, b, c) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < 300; round++)
        {
            var load = random.NextDouble() < 0.2 ? random.NextDouble() * 6 : 0;
            a.Add(Request() + load + extraForA);
            b.Add(Request() + load);
            c.Add(Request() + load);
        }
        return (a, b, c);
    }
}
