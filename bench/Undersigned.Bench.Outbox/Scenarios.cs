using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Bench.Outbox;

public sealed record OutboxResult(string Database, Drain Baseline, Drain Outbox, double PeakRssMiB, int Duplicates,
    int WithoutLink, (int Sent, int Unsent, int Tokens) Rows);

/// <summary>The two measurements, each after a warm-up that is not counted.</summary>
public sealed class Scenarios(Options options, SmtpSink sink, string workDir)
{
    /// <summary>The SMTP path alone: composed messages straight through MailKit into the sink.</summary>
    public async Task<Drain> BaselineAsync(CancellationToken ct)
    {
        if (options.Warmup > 0)
        {
            sink.Reset();
            await DirectSend.SendAsync(DirectSend.Compose(options.Warmup, "baseline-warmup"), sink.Port, options.Parallelism, ct);
        }
        var messages = DirectSend.Compose(options.Count, "baseline");
        sink.Reset();
        var cpu = new CpuMeter(() => TimeSpan.Zero);
        var started = await DirectSend.SendAsync(messages, sink.Port, options.Parallelism, ct);
        var last = await sink.WaitForAsync(options.Count, options.Timeout, ct);
        return new Drain(options.Count, started, sink.Arrivals(), sink.AverageSize,
            cpu.Stop(Stopwatch.GetElapsedTime(started, last)));
    }

    /// <summary>The app's outbox: rows committed in one transaction, drained by the running app into the sink.</summary>
    public async Task<OutboxResult> OutboxAsync(string database, Drain baseline, CancellationToken ct)
    {
        ThrowawayPostgres? postgres = null;
        try
        {
            string provider, connectionString;
            DbContextOptions<UndersignedDb> dbOptions;
            if (database == "postgres")
            {
                postgres = await ThrowawayPostgres.StartAsync(workDir, ct);
                (provider, connectionString) = ("Postgres", postgres.ConnectionString);
                dbOptions = new DbContextOptionsBuilder<UndersignedDb>().UseNpgsql(connectionString)
                    .UseSnakeCaseNamingConvention().Options;
            }
            else
            {
                var file = Path.Combine(workDir, "sqlite", "undersigned.db");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                (provider, connectionString) = ("Sqlite", $"Data Source={file}");
                dbOptions = new DbContextOptionsBuilder<UndersignedDb>().UseSqlite(connectionString)
                    .UseSnakeCaseNamingConvention().Options;
            }

            var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Database:Provider"] = provider,
                ["ConnectionStrings:Default"] = connectionString,
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email:Smtp:UseTls"] = "false",
                ["Seed:Demo"] = "true",
            };
            foreach (var (key, value) in options.AppSettings)
            {
                settings[key] = value;
            }

            await using var app = await AppUnderTest.StartAsync(options.AppDll, workDir, database, settings, ct);
            var signatures = new PendingSignatures(dbOptions);
            if (options.Warmup > 0)
            {
                sink.Reset();
                await signatures.InsertAsync(options.Warmup, $"{database}-warmup", ct);
                await sink.WaitForAsync(options.Warmup, options.Timeout, ct);
                await WaitUntilMarkedSentAsync(signatures, ct);
            }

            sink.Reset();
            var started = await signatures.InsertAsync(options.Count, database, ct);
            var cpu = new CpuMeter(app.CpuTime);
            var last = await sink.WaitForAsync(options.Count, options.Timeout, ct);
            var drain = new Drain(options.Count, started, sink.Arrivals(), sink.AverageSize,
                cpu.Stop(Stopwatch.GetElapsedTime(started, last)));
            var rows = await WaitUntilMarkedSentAsync(signatures, ct);
            return new OutboxResult(database, baseline, drain, app.PeakRssMiB(), sink.Received - sink.DistinctRecipients,
                sink.WithoutLink, rows);
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
        }
    }

    /// <summary>Mail can reach the sink a moment before its row is marked sent; wait for the rows too.</summary>
    private static async Task<(int Sent, int Unsent, int Tokens)> WaitUntilMarkedSentAsync(PendingSignatures signatures,
        CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var rows = await signatures.CountAsync(ct);
            if (rows.Unsent == 0 || DateTime.UtcNow > deadline)
            {
                return rows;
            }
            await Task.Delay(50, ct);
        }
    }
}
