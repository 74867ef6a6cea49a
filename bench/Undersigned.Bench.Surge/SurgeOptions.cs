using System.Globalization;

namespace Undersigned.Bench.Surge;

/// <param name="PortFile">Where the SMTP port is written once the sink listens.</param>
/// <param name="EventsFile">One line per email received and per confirmation made.</param>
/// <param name="ConfirmPercent">Share of confirmation emails whose recipient opens the link and confirms.</param>
/// <param name="Confirmers">Signers confirming at the same time (HTTP connections).</param>
/// <param name="Parent">A process whose end ends this one too (0: none).</param>
public sealed record SurgeOptions(string PortFile, string EventsFile, int ConfirmPercent, int Confirmers, int Parent)
{
    public static SurgeOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }
        if (!values.TryGetValue("--port-file", out var portFile) || !values.TryGetValue("--events", out var eventsFile))
        {
            Console.Error.WriteLine("usage: --port-file FILE --events FILE [--confirm-percent 60] [--confirmers 16] [--parent PID]");
            return null;
        }
        int Number(string name, int fallback) =>
            values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new SurgeOptions(portFile, eventsFile, Number("--confirm-percent", 60), Number("--confirmers", 16),
            Number("--parent", 0));
    }
}
