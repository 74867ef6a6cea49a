using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Undersigned.Bench.Surge;

// It watches its parent through /proc.
[assembly: SupportedOSPlatform("linux")]

// The mail side of a surge (bench/surge.sh starts it once for the whole run): receives the app's emails over SMTP
// on loopback and, for a share of the confirmation emails, does what a signer does with one: opens the link and
// presses the button. Everything it sees is written as one line per event to the events file, which surge.sh reads.
if (SurgeOptions.Parse(args) is not { } options)
{
    return 2;
}
using var stop = new CancellationTokenSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });

await using var events = EventLog.Open(options.EventsFile);
await using var signers = new ConfirmingSigners(options.Confirmers, events);
using var sink = MailSink.Start(options.ConfirmPercent, events, signers);

// Written last and whole (a rename), so that surge.sh sees the port only once the sink listens.
File.WriteAllText(options.PortFile + ".tmp", sink.Port.ToString(CultureInfo.InvariantCulture));
File.Move(options.PortFile + ".tmp", options.PortFile, overwrite: true);

// Ends when told to, or when the script that started it is gone (killed before its trap could run).
while (!stop.IsCancellationRequested && (options.Parent <= 0 || Directory.Exists($"/proc/{options.Parent}")))
{
    try
    {
        await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
    }
    catch (OperationCanceledException)
    {
        break;
    }
}
return 0;
