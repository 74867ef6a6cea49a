namespace Undersigned.Bench.Outbox;

public static class Measurement
{
    /// <summary>Every database in turn, then the table; the exit code: 0 when every result is valid.</summary>
    public static async Task<int> RunAsync(Options options, MailTally sink, WorkFolder work, Shutdown shutdown)
    {
        var scenarios = new Scenarios(options, sink, work.Path);
        var results = new List<OutboxResult>();
        try
        {
            Console.WriteLine($"Email outbox drain: {options.Count} confirmation emails, {options.Parallelism} SMTP connections, batches of {options.BatchSize}, {Environment.ProcessorCount} cores");
            foreach (var database in options.Databases)
            {
                Console.WriteLine($"[{database}] each round: MailKit straight into the sink, then the app drains rows committed in one transaction");
                var result = await scenarios.RunAsync(database, shutdown.Token);
                results.Add(result);
                Report.Details(result, options);
            }
            Report.Table(results, options);
            return results.All(Report.Valid) ? 0 : 1;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e is OperationCanceledException && shutdown.Requested
                ? "Benchmark interrupted."
                : $"Benchmark stopped: {(e is TimeoutException ? e.Message : e)}");
            if (!work.Own)
            {
                Console.Error.WriteLine($"The app's output is in {Path.Combine(work.Path, "app-*.log")}.");
            }
            return 1;
        }
    }
}
