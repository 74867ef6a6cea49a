using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Undersigned.Bench.Surge;

/// <summary>
/// Lines of "KIND UNIX-SECONDS FIELDS...", written by one task in the order they were logged and flushed whenever
/// the queue runs empty, so surge.sh can read what happened up to a moment a fraction of a second later.
/// </summary>
public sealed class EventLog : IAsyncDisposable
{
    private static readonly long StartTicks = DateTime.UtcNow.Ticks;
    private static readonly long StartStamp = Stopwatch.GetTimestamp();

    private readonly Channel<string> lines = Channel.CreateUnbounded<string>(new() { SingleReader = true });
    private readonly StreamWriter file;
    private readonly Task writing;

    private EventLog(string path)
    {
        file = new StreamWriter(path, append: false);
        writing = WriteAsync();
    }

    public static EventLog Open(string path) => new(path);

    /// <summary>Wall-clock seconds since 1970, from a monotonic clock started at the wall time.</summary>
    public static double Now() =>
        (StartTicks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerSecond + Stopwatch.GetElapsedTime(StartStamp).TotalSeconds;

    public void Add(string kind, params object[] fields) =>
        lines.Writer.TryWrite(string.Join(' ', [kind, Now().ToString("F3", CultureInfo.InvariantCulture),
            .. fields.Select(f => Convert.ToString(f, CultureInfo.InvariantCulture))]));

    private async Task WriteAsync()
    {
        while (await lines.Reader.WaitToReadAsync())
        {
            while (lines.Reader.TryRead(out var line))
            {
                await file.WriteLineAsync(line);
            }
            await file.FlushAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lines.Writer.TryComplete();
        await writing;
        await file.DisposeAsync();
    }
}
