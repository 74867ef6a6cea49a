namespace Undersigned.Bench.Outbox;

/// <summary>Prints what was measured: one detail block per database, then the summary table.</summary>
public static class Report
{
    /// <summary>The target drain rate, in emails per second: a surge's confirmations must not queue up.</summary>
    public const double Required = 200;

    public static bool Valid(OutboxResult r) =>
        r.Duplicates == 0 && r.WithoutLink == 0 && r.Rows.Unsent == 0 && r.Rows.Sent == r.Rows.Tokens;

    public static double Outbox(OutboxResult r) => Median(r.Outboxes.Select(d => d.PerSecond));

    public static double Baseline(OutboxResult r) => Median(r.Baselines.Select(d => d.PerSecond));

    /// <summary>Each round's outbox against the baseline measured just before it.</summary>
    public static double Ratio(OutboxResult r) => Median(r.Outboxes.Zip(r.Baselines, (o, b) => o.PerSecond / b.PerSecond));

    public static void Details(OutboxResult r, Options options)
    {
        var b = r.Baselines.OrderBy(d => d.PerSecond).ElementAt(r.Baselines.Count / 2);
        var o = r.Outboxes.OrderBy(d => d.PerSecond).ElementAt(r.Outboxes.Count / 2);
        var between = o.BetweenBatches(options.BatchSize);
        Write($"[{r.Database}] median baseline round: {b.PerSecond:0}/s, {b.Elapsed.TotalSeconds:0.00} s, messages of {b.AverageSize / 1024:0.0} KiB; "
            + $"CPU in cores: bench+sink {b.Cpu.Bench:0.00}, everything else {Math.Max(0, b.Cpu.Machine - b.Cpu.Bench):0.00}");
        Write($"[{r.Database}] median outbox round: {o.PerSecond:0}/s, {o.Elapsed.TotalSeconds:0.00} s from commit to last message, messages of {o.AverageSize / 1024:0.0} KiB");
        Write($"[{r.Database}]   first message {o.FirstMessage.TotalMilliseconds:0} ms after commit, {o.PerSecondAfterFirst:0}/s from there; "
            + $"no mail arriving at batch boundaries for {between.TotalSeconds:0.00} s ({between / o.Elapsed:P0})");
        Write($"[{r.Database}]   CPU in cores: app {o.Cpu.App:0.00}, bench+sink {o.Cpu.Bench:0.00}, everything else {Math.Max(0, o.Cpu.Machine - o.Cpu.App - o.Cpu.Bench):0.00} "
            + $"(machine {o.Cpu.Machine:0.00} of {Environment.ProcessorCount} busy, {o.Cpu.IoWait:0.00} waiting on disk)");
        Write($"[{r.Database}]   rows marked sent {r.Rows.Sent}, unsent {r.Rows.Unsent}, links stored {r.Rows.Tokens}; "
            + $"received twice {r.Duplicates}, without a confirmation link {r.WithoutLink}{(Valid(r) ? "" : "  << INVALID RUN")}");
    }

    public static void Table(IReadOnlyList<OutboxResult> results, Options options)
    {
        Console.WriteLine();
        Write($"{"database",-9} {"outbox/s",9} {"baseline/s",11} {"ratio",6} {"peak RSS",9}  >= {Required:0}/s");
        foreach (var r in results)
        {
            Write($"{r.Database,-9} {Outbox(r),9:0} {Baseline(r),11:0} {Ratio(r),6:0.00} {r.PeakRssMiB,5:0} MiB  {(Outbox(r) >= Required ? "yes" : "NO")}");
        }
        Write($"Medians of {options.Rounds} round(s) of {options.Count} emails each, after a warm-up of {options.Warmup}; "
            + "ratio = outbox / baseline of the same round; peak RSS = the app's VmHWM.");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static void Write(string line) => Console.WriteLine(line);
}
