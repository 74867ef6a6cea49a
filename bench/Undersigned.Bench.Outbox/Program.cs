using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Undersigned.Bench.Outbox;

// It reads /proc and runs Debian's PostgreSQL tools.
[assembly: SupportedOSPlatform("linux")]

// How fast the email outbox drains into an SMTP server on this machine, against the SMTP path alone.
// Run it with bench/outbox.sh, which builds Release first and cleans up after a failure.
// Figures print the same way whatever the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

// Ctrl-C and SIGTERM (from outbox.sh or timeout) end the run through the finally blocks, which stop the children.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancel.Cancel(); });

var ownWorkDir = options.WorkDir is null;
var workDir = options.WorkDir ?? Directory.CreateTempSubdirectory("undersigned-outbox-bench-").FullName;
// The postgres user has to reach its cluster folder inside.
File.SetUnixFileMode(workDir, (UnixFileMode)Convert.ToInt32("755", 8));

using var sink = SmtpSink.Start();
var scenarios = new Scenarios(options, sink, workDir);
var results = new List<OutboxResult>();
try
{
    Console.WriteLine($"Email outbox drain: {options.Count} confirmation emails, {options.Parallelism} SMTP connections, batches of {options.BatchSize}, {Environment.ProcessorCount} cores");
    foreach (var database in options.Databases)
    {
        Console.WriteLine($"[{database}] each round: MailKit straight into the sink, then the app drains rows committed in one transaction");
        var result = await scenarios.RunAsync(database, cancel.Token);
        results.Add(result);
        Report.Details(result, options);
    }
    Report.Table(results, options);
    return results.All(Report.Valid) ? 0 : 1;
}
catch (Exception e)
{
    Console.Error.WriteLine(e is OperationCanceledException && cancel.IsCancellationRequested
        ? "Benchmark interrupted."
        : $"Benchmark stopped: {(e is TimeoutException ? e.Message : e)}");
    if (!ownWorkDir)
    {
        Console.Error.WriteLine($"The app's output is in {Path.Combine(workDir, "app-*.log")}.");
    }
    return 1;
}
finally
{
    if (ownWorkDir)
    {
        Directory.Delete(workDir, recursive: true);
    }
}
