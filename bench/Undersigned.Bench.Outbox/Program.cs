using System.Runtime.Versioning;
using Undersigned.Bench.Outbox;

// It reads /proc and runs Debian's PostgreSQL tools.
[assembly: SupportedOSPlatform("linux")]

// How fast the email outbox drains into an SMTP server on this machine, against the SMTP path alone.
// Run it with bench/outbox.sh, which builds Release first and cleans up after a failure.
Figures.PrintInvariant();
if (CommandLine.Parse(args) is not { } options)
{
    return 2;
}
using var shutdown = Shutdown.OnCtrlCOrSigterm();
using var work = WorkFolder.Open(options);
await using var sink = new MailTally();
return await Measurement.RunAsync(options, sink, work, shutdown);
