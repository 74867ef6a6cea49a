using System.Diagnostics;

namespace Undersigned.Bench.Outbox;

/// <summary>What one measurement saw, from its start to the last message the sink received.</summary>
public sealed record Drain(int Count, long Started, long[] Arrivals, double AverageSize, CpuShare Cpu)
{
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(Started, Arrivals[Count - 1]);

    public double PerSecond => Count / Elapsed.TotalSeconds;

    public TimeSpan FirstMessage => Stopwatch.GetElapsedTime(Started, Arrivals[0]);

    /// <summary>The rate once mail flows, leaving out the wait for the first message (the dispatcher's poll).</summary>
    public double PerSecondAfterFirst => (Count - 1) / Stopwatch.GetElapsedTime(Arrivals[0], Arrivals[Count - 1]).TotalSeconds;

    /// <summary>
    /// With one batch in flight at a time (Email:Batches=1), message k·size is the first of a new batch and the time
    /// before it is spent between batches: marking the last batch sent, claiming the next, composing it and storing
    /// its links. With batches overlapping it is only the time in which no mail arrived at those points.
    /// </summary>
    public TimeSpan BetweenBatches(int batchSize)
    {
        var gaps = 0L;
        for (var k = batchSize; k < Count; k += batchSize)
        {
            gaps += Arrivals[k] - Arrivals[k - 1];
        }
        return TimeSpan.FromSeconds((double)gaps / Stopwatch.Frequency);
    }
}

/// <summary>CPU used during a measurement, as a share of its wall-clock time (1.0 = one core busy throughout).</summary>
public sealed record CpuShare(double App, double Bench, double Machine, double IoWait);

/// <summary>Takes CPU readings at the start of a measurement and turns them into shares at its end.</summary>
public sealed class CpuMeter(Func<TimeSpan> appCpu)
{
    private readonly TimeSpan app0 = appCpu();
    private readonly TimeSpan bench0 = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly (long Busy, long IoWait, long Total) machine0 = ProcStatus.MachineJiffies();

    public CpuShare Stop(TimeSpan wall)
    {
        var machine = ProcStatus.MachineJiffies();
        var total = (double)(machine.Total - machine0.Total);
        var cores = Environment.ProcessorCount;
        return new CpuShare(
            (appCpu() - app0) / wall,
            (Process.GetCurrentProcess().TotalProcessorTime - bench0) / wall,
            total == 0 ? 0 : (machine.Busy - machine0.Busy) / total * cores,
            total == 0 ? 0 : (machine.IoWait - machine0.IoWait) / total * cores);
    }
}
