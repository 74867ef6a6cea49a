using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Undersigned.Features.Petitions;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Hosting;

/// <summary>
/// What an operator scrapes with metrics on: the signatures the intake answered, by outcome, and the emails the
/// outbox sent, as counts that move with what people did; nothing for a request that came through the proxy, and
/// no endpoint at all while metrics are off (the default). A meter is read by name in the whole process, so these
/// run alone: another test's app would add its signatures to the counts.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed partial class MetricsTests(PerDatabase<DatabaseFixture> databases, ITestOutputHelper output)
    : FixtureTest(databases, output)
{
    private static readonly Dictionary<string, string?> MetricsOn = new() { ["Metrics:Enabled"] = "true" };

    [Theory, OnEachDatabase]
    public async Task Signatures_and_confirmation_emails_are_counted_by_outcome(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var app = Fixture.CreateApp(await Fixture.CreateDatabaseAsync(), settings: MetricsOn);
        await Task.Run(app.Start);
        using var signer = new Signer(app);
        var again = new SignatureForm();
        foreach (var form in new[] { again, new SignatureForm(), new SignatureForm(), again })
        {
            using var response = await signer.SignAsync(DemoCampaign.Slug, form);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        using var scraper = app.CreateHttpClient();
        var scrape = await ScrapeAsync(scraper);
        Assert.Equal(3, Value(scrape, "undersigned_signatures_total", "outcome=\"pending\""));
        Assert.Equal(1, Value(scrape, "undersigned_signatures_total", "outcome=\"signed_before\""));
        Assert.Equal(0, Value(scrape, "undersigned_signatures_refused_total") ?? 0);
        Assert.True(Value(scrape, "undersigned_intake_batch_size_count") >= 1, scrape);

        // Three confirmations, once the outbox has sent them; signing again moments after the first time sends nothing more.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((Value(scrape, "undersigned_emails_sent_total") ?? 0) < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            scrape = await ScrapeAsync(scraper);
        }
        Assert.True(Value(scrape, "undersigned_emails_sent_total") == 3, scrape);
        Assert.NotNull(Value(scrape, "undersigned_outbox_backlog"));
        Assert.NotNull(Value(scrape, "undersigned_outbox_lag_seconds"));
    }

    [Theory, OnEachDatabase]
    public async Task Nothing_is_scraped_through_the_proxy_nor_while_metrics_are_off(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var database = await Fixture.CreateDatabaseAsync();
        var on = Fixture.CreateApp(database, settings: MetricsOn);
        await Task.Run(on.Start);
        using (var client = on.CreateHttpClient())
        {
            using var proxied = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            proxied.Headers.Add("X-Forwarded-For", "203.0.113.7");
            using var response = await client.SendAsync(proxied);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        await on.DisposeAsync();

        var off = Fixture.CreateApp(database);
        await Task.Run(off.Start);
        using var visitor = off.CreateHttpClient();
        using var none = await visitor.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the series <paramref name="name"/> whose labels include <paramref name="label"/>, or null.</summary>
    private static double? Value(string scrape, string name, string label = "")
    {
        foreach (Match line in SeriesLine().Matches(scrape))
        {
            if (line.Groups["name"].Value == name && line.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            {
                return double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)", RegexOptions.Multiline)]
    private static partial Regex SeriesLine();
}
