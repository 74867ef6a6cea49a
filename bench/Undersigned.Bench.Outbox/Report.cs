namespace Undersigned.Bench.Outbox;

/// <summary>Prints what was measured: one detail block per database, then the summary table.</summary>
public static class Report
{
    /// <summary>The figure issue 3 asks for, in emails per second.</summary>
    public const double Required = 200;

    public static bool Valid(OutboxResult r) =>
        r.Duplicates == 0 && r.WithoutLink == 0 && r.Rows.Unsent == 0 && r.Rows.Sent == r.Rows.Tokens;

    public static void Details(OutboxResult r, Options options)
    {
        var o = r.Outbox;
        var between = o.BetweenBatches(options.BatchSize);
        Write($"[{r.Database}] baseline {r.Baseline.PerSecond:0}/s in {r.Baseline.Elapsed.TotalSeconds:0.00} s, messages of {r.Baseline.AverageSize / 1024:0.0} KiB; "
            + $"CPU: bench {r.Baseline.Cpu.Bench:0.00} cores, machine {r.Baseline.Cpu.Machine:0.00}");
        Write($"[{r.Database}] outbox {o.PerSecond:0}/s in {o.Elapsed.TotalSeconds:0.00} s from commit to last message, messages of {o.AverageSize / 1024:0.0} KiB");
        Write($"[{r.Database}]   first message {o.FirstMessage.TotalMilliseconds:0} ms after commit; "
            + $"between batches {between.TotalSeconds:0.00} s ({between / o.Elapsed:P0}), sending the rest");
        Write($"[{r.Database}]   CPU: app {o.Cpu.App:0.00} cores, bench+sink {o.Cpu.Bench:0.00}, machine {o.Cpu.Machine:0.00} of {Environment.ProcessorCount}, iowait {o.Cpu.IoWait:0.00}");
        Write($"[{r.Database}]   rows marked sent {r.Rows.Sent}, unsent {r.Rows.Unsent}, links stored {r.Rows.Tokens}; "
            + $"received twice {r.Duplicates}, without a confirmation link {r.WithoutLink}{(Valid(r) ? "" : "  << INVALID RUN")}");
    }

    public static void Table(IReadOnlyList<OutboxResult> results, Options options)
    {
        Console.WriteLine();
        Write($"{"database",-9} {"outbox/s",9} {"baseline/s",11} {"ratio",6} {"peak RSS",9}  >= {Required:0}/s");
        foreach (var r in results)
        {
            Write($"{r.Database,-9} {r.Outbox.PerSecond,9:0} {r.Baseline.PerSecond,11:0} {r.Outbox.PerSecond / r.Baseline.PerSecond,6:0.00} {r.PeakRssMiB,5:0} MiB  {(r.Outbox.PerSecond >= Required ? "yes" : "NO")}");
        }
        Write($"N = {options.Count} per measurement after {options.Warmup} not counted; ratio = outbox / baseline, same run; peak RSS = the app's VmHWM.");
    }

    private static void Write(string line) => Console.WriteLine(line);
}
