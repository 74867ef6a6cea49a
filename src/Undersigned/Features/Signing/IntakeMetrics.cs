using System.Diagnostics;
using System.Diagnostics.Metrics;
using Undersigned.Hosting;

namespace Undersigned.Features.Signing;

/// <summary>
/// What an operator watches during a surge, measured where it happens: each signature as the intake answers it
/// (by outcome), each refusal (503), the queue waiting for the writer, and each batch's size and commit time.
/// Instruments cost next to nothing while no exporter listens (<c>Metrics:Enabled</c>, docs/operations.md).
/// </summary>
public sealed class IntakeMetrics
{
    private readonly Counter<long> signatures;
    private readonly Counter<long> refused;
    private readonly Histogram<int> batchSize;
    private readonly Histogram<double> commitDuration;
    private readonly Meter meter;

    public IntakeMetrics(IMeterFactory meters)
    {
        meter = meters.Create(Metrics.MeterName);
        signatures = meter.CreateCounter<long>("undersigned.signatures", "{signature}",
            "Signatures the intake answered, by outcome: counted, pending (confirmation sent), held, signed_before.");
        refused = meter.CreateCounter<long>("undersigned.signatures.refused", "{signature}",
            "Signatures refused with 503 because the queue was full or the database was away.");
        batchSize = meter.CreateHistogram<int>("undersigned.intake.batch.size", "{signature}",
            "Signatures written in one transaction.", advice: new() { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
        commitDuration = meter.CreateHistogram<double>("undersigned.intake.batch.duration", "s",
            "Time to write and commit one batch.",
            advice: new() { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2] });
    }

    /// <summary>The number of signatures waiting for the writer, read when metrics are collected.</summary>
    public void ObserveQueue(Func<int> depth) =>
        meter.CreateObservableGauge("undersigned.intake.queue.depth", depth, "{signature}", "Signatures waiting for the writer.");

    public void Written(IReadOnlyList<SignOutcome> outcomes, TimeSpan took)
    {
        batchSize.Record(outcomes.Count);
        commitDuration.Record(took.TotalSeconds);
        if (!signatures.Enabled)
        {
            return;
        }
        foreach (var group in outcomes.GroupBy(o => o))
        {
            signatures.Add(group.Count(), new KeyValuePair<string, object?>("outcome", NameOf(group.Key)));
        }
    }

    public void Refused(int count = 1) => refused.Add(count);

    private static string NameOf(SignOutcome outcome) => outcome switch
    {
        SignOutcome.Counted => "counted",
        SignOutcome.ConfirmationSent => "pending",
        SignOutcome.HeldForReview => "held",
        SignOutcome.SignedBefore => "signed_before",
        _ => throw new UnreachableException(),
    };
}
