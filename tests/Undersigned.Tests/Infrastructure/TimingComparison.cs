namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// Whether requests of kind A take as long as requests of kind B, judged without a time limit. The samples come in
/// rounds: in each round one A, one B and one more B (a second run of B's kind) are timed next to each other, so a
/// moment when the machine is busy touches all three alike.
/// <para>
/// Two statistics are compared with the noise between the two runs of the same kind: the difference of the medians
/// of A and B, and the median of the differences A − B within rounds (which cancels whatever a round's three
/// requests shared, and so sees small differences). The noise of each is how much the same statistic varies between
/// the two B runs, estimated by resampling the rounds (bootstrap), times <see cref="Margin"/> standard errors: two
/// runs of one kind exceed it about once in 15,000 comparisons.
/// </para>
/// </summary>
public sealed record TimingComparison(
    double MedianA, double MedianB, double MedianNoise,
    double PairedDifference, double PairedSameKind, double PairedNoise)
{
    /// <summary>Standard errors of a same-kind statistic that a difference must exceed to count as real.</summary>
    public const double Margin = 4;

    private const int Resamples = 2_000;

    /// <summary>How much longer the median of A is than the median of B (negative if shorter).</summary>
    public double MedianDifference => MedianA - MedianB;

    public bool Indistinguishable => Math.Abs(MedianDifference) <= MedianNoise && Math.Abs(PairedDifference) <= PairedNoise;

    /// <param name="a">The times of A, one per round.</param>
    /// <param name="b">The times of B in the same rounds.</param>
    /// <param name="sameAsB">The times of a second run of B's kind in the same rounds.</param>
    public static TimingComparison Of(IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<double> sameAsB, int seed = 1)
    {
        var rounds = a.Count;
        if (b.Count != rounds || sameAsB.Count != rounds || rounds < 20)
        {
            throw new ArgumentException("The three runs need one time each per round, in at least 20 rounds.");
        }
        var random = new Random(seed);
        var medianDifferences = new double[Resamples];
        var pairedDifferences = new double[Resamples];
        var pick = new int[rounds];
        for (var i = 0; i < Resamples; i++)
        {
            for (var r = 0; r < rounds; r++)
            {
                pick[r] = random.Next(rounds);
            }
            medianDifferences[i] = Median(pick.Select(r => b[r]).ToList()) - Median(pick.Select(r => sameAsB[r]).ToList());
            pairedDifferences[i] = Median(pick.Select(r => b[r] - sameAsB[r]).ToList());
        }
        var all = Enumerable.Range(0, rounds).ToList();
        return new TimingComparison(
            Median(a), Median(b), Margin * StandardDeviation(medianDifferences),
            Median(all.Select(r => a[r] - b[r]).ToList()), Median(all.Select(r => b[r] - sameAsB[r]).ToList()),
            Margin * StandardDeviation(pairedDifferences));
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double StandardDeviation(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    public override string ToString() =>
        FormattableString.Invariant($"medians {MedianA:F3} ms vs {MedianB:F3} ms, difference {MedianDifference:+0.000;-0.000;0.000} ms against noise ±{MedianNoise:F3} ms; ")
        + FormattableString.Invariant($"within rounds {PairedDifference:+0.000;-0.000;0.000} ms (two runs of the same kind: {PairedSameKind:+0.000;-0.000;0.000} ms) against noise ±{PairedNoise:F3} ms");
}
