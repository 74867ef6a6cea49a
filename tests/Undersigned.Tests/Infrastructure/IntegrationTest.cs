using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Petitions;
using Xunit.Abstractions;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// The base of the tests that run against the app of their class's fixture, on the database each test chose with
/// <c>await UseAsync(provider)</c>: <typeparamref name="TApp"/> is the app the class needs (its settings, what it
/// starts with), one per provider.
/// </summary>
public abstract class IntegrationTest<TApp>(PerDatabase<TApp> apps, ITestOutputHelper output)
    : FixtureTest<TApp>(apps, output)
    where TApp : AppFixture, new()
{
    private static readonly HtmlParser Parser = new();

    protected UndersignedApp App => Fixture.App;

    protected const string Demo = DemoCampaign.Slug;

    /// <summary>A new visitor with a cookie jar of their own, who has not opened any page yet.</summary>
    protected Signer NewSigner() => new(App);

    protected static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    protected async Task<IHtmlDocument> GetPageAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = App.CreateHttpClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The count the public JSON API reports for a petition.</summary>
    protected async Task<int> ApiCountAsync(string slug)
    {
        using var client = App.CreateHttpClient();
        using var response = await client.GetAsync($"/api/petitions/{slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("signatureCount").GetInt32();
    }

    /// <summary>The count shown on the petition page, in the progress heading.</summary>
    protected async Task<int> PageCountAsync(string slug)
    {
        var page = await GetPageAsync($"/p/{slug}");
        return CountShownOn(page);
    }

    protected static int CountShownOn(IHtmlDocument page)
    {
        var number = page.QuerySelector(".progress .number") ?? throw new InvalidOperationException("No count on the page.");
        return int.Parse(number.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>What is stored, read straight from the database: every signature row, and the petition's count.</summary>
    protected Task<StoredState> StoredAsync(string slug = Demo) => App.QueryAsync(async db => new StoredState(
        await db.Signatures.CountAsync(),
        await db.Petitions.Where(p => p.Slug == slug).Select(p => p.SignatureCount).SingleAsync()));

    /// <summary>
    /// Waits until the background has answered every address request (the sign form for a known address, the resend
    /// and lost-link pages decide what to email there, after the answer) and has handed every queued email to the
    /// mail server: after this, whatever those forms were going to send has been sent.
    /// </summary>
    protected async Task EmailSettledAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await App.QueryAsync(async db => await db.AddressRequests.AnyAsync()
                   || await db.OutboxMessages.AnyAsync(m => m.SentAt == null && m.FailedAt == null)))
        {
            Assert.True(DateTime.UtcNow < deadline, "Email was still waiting to be sent after 20 s.");
            await Task.Delay(10);
        }
    }

    /// <summary>"table.column" for every text column of the app's database that holds <paramref name="text"/>.</summary>
    protected Task<List<string>> ColumnsContainingAsync(string text) => StoredText.ColumnsContainingAsync(App, Fixture.Provider, text);

    /// <summary>Adds a petition in the given state straight to the database, as staff tools will, and returns its slug.</summary>
    protected Task<string> AddPetitionAsync(PetitionStatus status) => App.QueryAsync(async db =>
    {
        var slug = $"{status.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..24];
        db.Petitions.Add(new Petition
        {
            Slug = slug,
            Title = $"A {status.ToString().ToLowerInvariant()} petition about library opening hours",
            TargetName = "City Librarian",
            Summary = "Keep the branch libraries open in the evening.",
            Body = "Libraries are where people study after work.",
            Goal = 500,
            Status = status,
            CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return slug;
    });
}

/// <summary>The base of the tests that need the app with its usual settings.</summary>
public abstract class IntegrationTest(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest<AppFixture>(apps, output);

public sealed record StoredState(int SignatureRows, int PetitionCount);
