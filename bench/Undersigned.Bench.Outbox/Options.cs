using System.Globalization;

namespace Undersigned.Bench.Outbox;

/// <summary>Command-line options; see <see cref="Usage"/>.</summary>
public sealed record Options(
    int Count,
    int Warmup,
    int Rounds,
    string[] Databases,
    string AppDll,
    string? WorkDir,
    TimeSpan Timeout,
    Dictionary<string, string> AppSettings)
{
    public const string Usage = """
        usage: Undersigned.Bench.Outbox --app PATH/Undersigned.dll [options]
          --count N            confirmation emails per measurement (default 5000)
          --warmup N           emails sent down each path before measuring, not counted (default 5000: fifty
                               batches, so .NET's tiered JIT has optimized the per-batch code, as in a server
                               that has been up for a while)
          --rounds R           measurements of each path per database; the median is reported (default 3)
          --databases LIST     sqlite,postgres (default both)
          --work DIR           folder for databases, logs and pid files (default: a new temporary folder)
          --timeout SECONDS    longest wait for one drain (default 600)
          --set KEY=VALUE      extra app setting, e.g. --set Email:BatchSize=200 (repeatable)
        """;

    /// <summary>Connections used by the app's dispatcher, and so by the baseline.</summary>
    public int Parallelism => AppSettings.TryGetValue("Email:Parallelism", out var p) ? Parse(p) : 4;

    public int BatchSize => AppSettings.TryGetValue("Email:BatchSize", out var b) ? Parse(b) : 100;

    public static Options Parse(string[] args)
    {
        int count = 5000, warmup = 5000, rounds = 3;
        string[] databases = ["sqlite", "postgres"];
        string? app = null, work = null;
        var timeout = TimeSpan.FromSeconds(600);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (args.Contains("--help") || args.Contains("-h"))
        {
            throw new ArgumentException(Usage);
        }
        for (var i = 0; i < args.Length; i += 2)
        {
            var (option, value) = i + 1 < args.Length ? (args[i], args[i + 1])
                : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            switch (option)
            {
                case "--count": count = Parse(value); break;
                case "--warmup": warmup = Parse(value); break;
                case "--rounds": rounds = Parse(value); break;
                case "--databases": databases = value.ToLowerInvariant().Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                case "--app": app = value; break;
                case "--work": work = value; break;
                case "--timeout": timeout = TimeSpan.FromSeconds(Parse(value)); break;
                case "--set":
                    var (key, setting) = value.Split('=', 2) is [var k, var v] ? (k, v)
                        : throw new ArgumentException($"--set {value}: expected KEY=VALUE.");
                    settings[key] = setting;
                    break;
                default: throw new ArgumentException($"Unknown option {option}.\n{Usage}");
            }
        }
        if (app is null || !File.Exists(app))
        {
            throw new ArgumentException($"--app must name the built Undersigned.dll.\n{Usage}");
        }
        if (count < 1 || warmup < 0 || rounds < 1 || databases.Except(["sqlite", "postgres"]).Any())
        {
            throw new ArgumentException($"--count and --rounds must be positive and --databases one or both of sqlite,postgres.\n{Usage}");
        }
        return new Options(count, warmup, rounds, databases, app, work, timeout, settings);
    }

    private static int Parse(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new ArgumentException($"'{value}' is not a whole number.\n{Usage}");
}
