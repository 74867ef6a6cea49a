using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Undersigned.Features.Petitions;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Storage;

/// <summary>
/// What the database keeps across app starts: the demo campaign once, and every signature with its count.
/// Each test starts apps of its own on a database of its own.
/// </summary>
public sealed class StorageTests(PerDatabase<DatabaseFixture> databases, ITestOutputHelper output)
    : FixtureTest(databases, output)
{
    [Theory, OnEachDatabase]
    public async Task The_demo_campaign_is_seeded_once_however_often_the_app_starts(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var database = await Fixture.CreateDatabaseAsync();

        var first = await CountsAsync(database);
        var second = await CountsAsync(database);

        Assert.Equal((Petitions: 1, Organizations: 10, Sponsorships: 10), first);
        Assert.Equal(first, second);
    }

    [Theory, OnEachDatabase]
    public async Task With_the_demo_turned_off_an_empty_database_stays_empty(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var database = await Fixture.CreateDatabaseAsync();
        await using var app = Fixture.CreateApp(database, settings: new Dictionary<string, string?> { ["Seed:Demo"] = "false" }).Start();

        Assert.Equal(0, await app.QueryAsync(db => db.Petitions.CountAsync()));
        Assert.Equal(0, await app.QueryAsync(db => db.Organizations.CountAsync()));
        using var client = app.CreateHttpClient();
        Assert.Equal("[]", await client.GetStringAsync("/api/petitions"));
        using var page = await client.GetAsync($"/p/{DemoCampaign.Slug}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Theory, OnEachDatabase]
    public async Task Signatures_and_the_count_survive_a_restart(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var database = await Fixture.CreateDatabaseAsync();
        var form = new SignatureForm { FirstName = "Audre", LastName = "Lorde" };
        await using (var before = Fixture.CreateApp(database).Start())
        {
            using var signer = new Signer(before);
            using var signed = await signer.SignAsync(DemoCampaign.Slug, form);
            Assert.Equal($"/p/{DemoCampaign.Slug}/thanks?status=check-email", signed.RedirectTarget());
            // With no SMTP server set, the confirmation lands in the development mailbox.
            var link = await DevMailboxLinkAsync(before, form.Email!);
            await ConfirmationPage.ConfirmAsync(signer.Http, link);
        }

        await using var after = Fixture.CreateApp(database).Start();

        using var client = after.CreateHttpClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/petitions/{DemoCampaign.Slug}"));
        Assert.Equal(1, json.RootElement.GetProperty("signatureCount").GetInt32());
        var stored = await after.QueryAsync(db => db.Signatures.SingleAsync());
        Assert.Equal(("Audre", "Lorde", form.Email), (stored.FirstName, stored.LastName, stored.Email));
        using var signer2 = new Signer(after);
        using var again = await signer2.SignAsync(DemoCampaign.Slug, form);
        Assert.Equal($"/p/{DemoCampaign.Slug}/thanks?status=check-email", again.RedirectTarget());
        Assert.Equal(1, await after.QueryAsync(db => db.Petitions.Select(p => p.SignatureCount).SingleAsync()));
    }

    private async Task<(int Petitions, int Organizations, int Sponsorships)> CountsAsync(TestDatabase database)
    {
        await using var app = Fixture.CreateApp(database).Start();
        return await app.QueryAsync(async db => (
            await db.Petitions.CountAsync(p => p.Slug == DemoCampaign.Slug),
            await db.Organizations.CountAsync(),
            await db.Sponsorships.CountAsync()));
    }

    private static async Task<string> DevMailboxLinkAsync(UndersignedApp app, string email)
    {
        for (var tries = 0; tries < 200; tries++)
        {
            var text = await app.QueryAsync(db => db.DevMailMessages.Where(m => m.To.Contains(email))
                .Select(m => m.Text).FirstOrDefaultAsync());
            var match = text is null ? null : System.Text.RegularExpressions.Regex.Match(text, @"/p/[^/\s]+/confirm/\S+");
            if (match is { Success: true })
            {
                return match.Value;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No confirmation for {email} reached the development mailbox.");
    }
}
