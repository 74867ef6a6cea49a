using System.Runtime.InteropServices;

namespace Undersigned.Bench.Outbox;

/// <summary>
/// Ctrl-C and SIGTERM (from outbox.sh or timeout) cancel <see cref="Token"/>, so the run ends through its finally
/// blocks, which stop the children.
/// </summary>
public sealed class Shutdown : IDisposable
{
    private readonly CancellationTokenSource cancel = new();
    private readonly PosixSignalRegistration term;

    private Shutdown()
    {
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancel.Cancel(); });
    }

    public CancellationToken Token => cancel.Token;

    public bool Requested => cancel.IsCancellationRequested;

    public static Shutdown OnCtrlCOrSigterm() => new();

    public void Dispose()
    {
        term.Dispose();
        cancel.Dispose();
    }
}
