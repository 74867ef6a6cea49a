using System.Net;
using Npgsql;
using Undersigned.Features.Petitions;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// PostgreSQL goes away in the middle of a surge and comes back. Signers must hear "try again shortly" (503 with
/// Retry-After) at once rather than wait or see an error page, the app must not pile up threads or connections
/// meanwhile, and it must take signatures again by itself once the server is back. The test runs a cluster of its
/// own, since stopping the run's shared server would break every other test.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private const string Demo = DemoCampaign.Slug;
    private const string Healthy = "healthy";
    private const string Outage = "outage";
    private const string Recovery = "recovery";
    private const int Lanes = 6;

    [Fact]
    public async Task While_PostgreSQL_is_down_signing_answers_503_and_when_it_is_back_the_app_recovers_by_itself()
    {
        using var server = await PostgresServer.StartOwnAsync();
        var database = await TestDatabase.CreateAsync(server);
        AppProcess? app = null;
        try
        {
            app = await AppProcess.StartAsync(SurgeSetup.ProcessSettings(database));
            await SurgeSetup.CountDemoAtOnceAsync(database);

            // Tablets at a stall: the form was opened before the outage and people keep signing on it through it.
            await using var crowd = new SigningCrowd([app.Address], Demo, answerWithin: TimeSpan.FromSeconds(10))
            {
                NewVisitorEachTime = false,
                Pause = TimeSpan.FromMilliseconds(20),
                Phase = Healthy,
            };
            crowd.Start(Lanes);
            await crowd.WaitUntilAsync(c => c.Acknowledged >= 20, TimeSpan.FromSeconds(30), "20 signatures before the outage");
            var threadsBefore = app.ThreadCount();

            server.Stop();
            crowd.Phase = Outage;
            var threadsDuring = new List<int>();
            var pageReads = new List<HttpStatusCode>();
            using var reader = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(10) };
            for (var i = 0; i < 15; i++)
            {
                await Task.Delay(200);
                threadsDuring.Add(app.ThreadCount());
                using var page = await reader.GetAsync($"/p/{Demo}");
                pageReads.Add(page.StatusCode);
            }
            await crowd.WaitUntilAsync(c => c.Attempts.Count(a => a.Phase == Outage) >= 10, TimeSpan.FromSeconds(30),
                "10 sign requests during the outage");

            crowd.Phase = Recovery;
            server.Restart();
            ForgetPooledConnections(server.AdminConnectionString, database.ConnectionString);
            await crowd.WaitUntilAsync(c => c.Attempts.Count(a => a.Phase == Recovery && a.Acknowledged) >= 20,
                TimeSpan.FromSeconds(60), "20 signatures after PostgreSQL came back");
            await crowd.StopAsync();

            var attempts = crowd.Attempts.ToList();
            var outage = attempts.Where(a => a.Phase == Outage).ToList();
            foreach (var group in attempts.GroupBy(a => a.Phase))
            {
                output.WriteLine($"{group.Key}: {crowd.Summary(group)}; slowest answer {group.Max(a => a.Took).TotalMilliseconds:0} ms");
            }
            output.WriteLine($"Threads: {threadsBefore} before the outage, at most {threadsDuring.Max()} during it.");
            output.WriteLine($"The petition page during the outage: {string.Join(", ", pageReads.GroupBy(s => (int)s).Select(g => $"{g.Count()} × {g.Key}"))}.");

            // Every request was answered, and never with an error page: either it counted or it was told to try again.
            var wrong = attempts.Where(a => !a.Acknowledged && a.Status != HttpStatusCode.ServiceUnavailable).ToList();
            Assert.True(wrong.Count == 0, $"{wrong.Count} of {attempts.Count} sign requests were neither counted nor "
                + $"answered 503: {crowd.Summary(wrong)}; by phase: "
                + string.Join(", ", wrong.GroupBy(a => a.Phase).Select(g => $"{g.Key} {g.Count()}")) + $"; the first: {wrong.FirstOrDefault()}");
            Assert.Contains(outage, a => a.Status == HttpStatusCode.ServiceUnavailable);
            Assert.All(attempts.Where(a => a.Status == HttpStatusCode.ServiceUnavailable), a => Assert.NotNull(a.RetryAfter));
            Assert.Empty(crowd.PageFailures);
            // Someone opening the petition meanwhile sees it (from a cache) or is asked to come back, never an error page.
            Assert.All(pageReads, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));

            // No pile-up: requests that fail at once hold no threads and leave no connections behind.
            Assert.True(threadsDuring.Max() <= threadsBefore + 20,
                $"The app grew from {threadsBefore} to {threadsDuring.Max()} threads while the database was down.");
            var connections = await ConnectionsToAsync(server, database);
            output.WriteLine($"Connections to the database after recovery: {connections}.");
            Assert.InRange(connections, 1, Lanes + 10);

            var stored = await StoredSignatures.ReadAsync(database, Demo);
            Assert.Empty(stored.StoredTwice);
            Assert.All(attempts.Where(a => a.Acknowledged), a => Assert.Equal(1, stored.RowsOf(a.Email)));
            stored.AssertCountsMatchRows();
        }
        finally
        {
            app?.Dispose();
            SurgeSetup.WriteLogs(output, ("app", app));
        }
    }

    /// <summary>The test's own pooled connections died with the server; the app must cope with its own.</summary>
    private static void ForgetPooledConnections(params string[] connectionStrings)
    {
        foreach (var connectionString in connectionStrings)
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    /// <summary>How many server connections are open to the app's database, as PostgreSQL itself counts them.</summary>
    private static async Task<long> ConnectionsToAsync(PostgresServer server, TestDatabase database)
    {
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database;
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @name", connection);
        count.Parameters.AddWithValue("name", name!);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
