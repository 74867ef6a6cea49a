using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Undersigned.Data;
using Undersigned.Tests.Infrastructure;

namespace Undersigned.Bench.Outbox;

public sealed record OutboxResult(string Database, IReadOnlyList<Drain> Baselines, IReadOnlyList<Drain> Outboxes,
    double PeakRssMiB, int Duplicates, int WithoutLink, (int Sent, int Unsent, int Tokens) Rows);

/// <summary>
/// One database: the app started on it, a warm-up of each path that is not counted, then rounds that each send
/// N emails straight through MailKit (the baseline) and then let the app drain N outbox rows. Interleaving the
/// two keeps a busy moment on the machine from favouring one of them.
/// </summary>
public sealed class Scenarios(Options options, MailTally sink, string workDir)
{
    public async Task<OutboxResult> RunAsync(string database, CancellationToken ct)
    {
        ThrowawayCluster? postgres = null;
        try
        {
            DbContextOptions<UndersignedDb> dbOptions;
            var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email:Smtp:UseTls"] = "false",
                ["Seed:Demo"] = "true",
            };
            if (database == "postgres")
            {
                // The tests' throwaway cluster (linked from tests/Undersigned.Tests), with an empty database: the app
                // takes its start-up lock there before it migrates, so the database has to exist first.
                postgres = await ThrowawayCluster.StartAsync();
                await using (var admin = new NpgsqlConnection(postgres.ConnectionString))
                {
                    await admin.OpenAsync(ct);
                    await using var create = new NpgsqlCommand("CREATE DATABASE undersigned_bench", admin);
                    await create.ExecuteNonQueryAsync(ct);
                }
                var connectionString = new NpgsqlConnectionStringBuilder(postgres.ConnectionString)
                {
                    Database = "undersigned_bench",
                }.ConnectionString;
                settings["Database:Provider"] = "Postgres";
                settings["ConnectionStrings:Default"] = connectionString;
                dbOptions = new DbContextOptionsBuilder<UndersignedDb>().UseNpgsql(connectionString)
                    .UseSnakeCaseNamingConvention().Options;
            }
            else
            {
                var file = Path.Combine(workDir, "sqlite", "undersigned.db");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                settings["Database:Provider"] = "Sqlite";
                settings["ConnectionStrings:Default"] = $"Data Source={file}";
                dbOptions = new DbContextOptionsBuilder<UndersignedDb>().UseSqlite($"Data Source={file}")
                    .UseSnakeCaseNamingConvention().Options;
            }
            foreach (var (key, value) in options.AppSettings)
            {
                settings[key] = value;
            }

            await using var app = await AppUnderTest.StartAsync(options.AppDll, workDir, database, settings, ct);
            var signatures = new PendingSignatures(dbOptions);
            if (options.Warmup > 0)
            {
                await BaselineAsync(options.Warmup, $"{database}-warmup", ct);
                await OutboxAsync(app, signatures, options.Warmup, $"{database}-warmup", ct);
            }

            List<Drain> baselines = [], outboxes = [];
            int duplicates = 0, withoutLink = 0;
            for (var round = 1; round <= options.Rounds; round++)
            {
                baselines.Add(await BaselineAsync(options.Count, $"{database}-baseline-{round}", ct));
                outboxes.Add(await OutboxAsync(app, signatures, options.Count, $"{database}-{round}", ct));
                duplicates += sink.Received - sink.DistinctRecipients;
                withoutLink += sink.WithoutLink;
                Console.WriteLine($"[{database}] round {round}: baseline {baselines[^1].PerSecond:0}/s, outbox {outboxes[^1].PerSecond:0}/s");
            }
            return new OutboxResult(database, baselines, outboxes, app.PeakRssMiB(), duplicates, withoutLink,
                await WaitUntilMarkedSentAsync(signatures, ct));
        }
        finally
        {
            postgres?.Stop();
        }
    }

    /// <summary>The SMTP path alone: messages composed beforehand, sent straight through MailKit into the sink.</summary>
    private async Task<Drain> BaselineAsync(int count, string tag, CancellationToken ct)
    {
        var messages = DirectSend.Compose(count, tag);
        sink.Reset();
        var cpu = new CpuMeter(() => TimeSpan.Zero);
        var started = await DirectSend.SendAsync(messages, sink.Port, options.Parallelism, ct);
        var last = await sink.WaitForAsync(count, options.Timeout, ct);
        return new Drain(count, started, sink.Arrivals(), sink.AverageSize, cpu.Stop(Stopwatch.GetElapsedTime(started, last)));
    }

    /// <summary>The app's outbox: rows committed in one transaction, drained by the running app into the sink.</summary>
    private async Task<Drain> OutboxAsync(AppUnderTest app, PendingSignatures signatures, int count, string tag,
        CancellationToken ct)
    {
        sink.Reset();
        var started = await signatures.InsertAsync(count, tag, ct);
        var cpu = new CpuMeter(app.CpuTime);
        var last = await sink.WaitForAsync(count, options.Timeout, ct);
        var drain = new Drain(count, started, sink.Arrivals(), sink.AverageSize, cpu.Stop(Stopwatch.GetElapsedTime(started, last)));
        // The next round starts from an empty queue.
        await WaitUntilMarkedSentAsync(signatures, ct);
        return drain;
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
