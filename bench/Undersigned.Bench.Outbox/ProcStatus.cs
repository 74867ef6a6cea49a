using System.Globalization;

namespace Undersigned.Bench.Outbox;

/// <summary>Readings from Linux's /proc.</summary>
public static class ProcStatus
{
    /// <summary>VmHWM of a process: the most physical memory it has held at once.</summary>
    public static long PeakRssKiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(),
                    CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    /// <summary>Jiffies of the whole machine, all cores together, from /proc/stat: busy, waiting on disk, in all.</summary>
    public static (long Busy, long IoWait, long Total) MachineJiffies()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum(); // guest time is already counted in user
        return (total - fields[3] - fields[4], fields[4], total);
    }
}
