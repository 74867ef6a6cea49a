using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Features.Moderation;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.OpenData;

/// <summary>The open-data page: the chart and tables filled from the counters, sortable by links, in both languages.</summary>
public sealed class DataPageTests(PerDatabase<ModerationApp> apps, ITestOutputHelper output) : ModerationTest(apps, output)
{
    private static readonly (string Country, string PostalCode)[] Places =
        [("US", "60601"), ("US", "60614"), ("US", "10027"), ("CA", "M5V 2T6"), ("US", "00000")];

    [Theory, OnEachDatabase]
    public async Task The_page_shows_the_running_total_and_the_states_and_countries_sorted_by_count_or_name(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, _) = await AddPetitionAsync();
        var empty = await GetPageAsync($"/p/{slug}/data");
        Assert.Null(empty.QuerySelector("svg.over-time-chart"));
        Assert.Contains("Nobody has signed yet.", empty.QuerySelector("section[aria-labelledby=over-time]")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await GetPageAsync($"/p/{slug}")).QuerySelector($"a[href='/p/{slug}/data']")); // nothing to show yet
        await SignFromAsync(slug, Places);

        Assert.NotNull((await GetPageAsync($"/p/{slug}")).QuerySelector($"a[href='/p/{slug}/data']"));
        var page = await GetPageAsync($"/p/{slug}/data");
        var chart = page.QuerySelector("svg.over-time-chart")!;
        Assert.StartsWith("5 signatures from ", chart.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(chart.QuerySelector("path.line")!.GetAttribute("d")!);
        var hours = page.QuerySelectorAll("table.over-time tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()).ToList();
        Assert.Equal([["5", "5"]], hours);
        Assert.Equal(["IL 2", "NY 1"], Rows(page, "by-state"));
        Assert.Equal(["US 4", "CA 1"], Rows(page, "by-country"));

        var byName = await GetPageAsync(page.QuerySelector("section[aria-labelledby=by-country] .sort-choice a")!.GetAttribute("href")!);
        Assert.Equal(["CA 1", "US 4"], Rows(byName, "by-country"));
        var daily = await GetPageAsync($"/p/{slug}/data?bucket=day");
        Assert.Contains("per day", daily.QuerySelector("table.over-time caption")!.TextContent, StringComparison.Ordinal);

        var spanish = await GetPageAsync($"/p/{slug}/data?culture=es&sort=name");
        Assert.Equal("Dónde y cuándo firmó la gente", spanish.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Canadá", "Estados Unidos"],
            spanish.QuerySelectorAll("section[aria-labelledby=by-country] tbody th").Select(c => c.TextContent).ToList());
    }

    [Theory, OnEachDatabase]
    public async Task A_bad_bucket_or_sort_is_a_400_and_a_draft_is_a_404(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        using var client = App.CreateHttpClient();
        foreach (var query in new[] { "bucket=minute", "sort=signers", "bucket=day&sort=%3Cscript%3E" })
        {
            using var refused = await client.GetAsync($"/p/{slug}/data?{query}");
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)refused.StatusCode}");
        }
        await App.QueryAsync(db => db.Petitions.Where(p => p.Id == id).ExecuteUpdateAsync(p => p.SetProperty(x => x.Status, PetitionStatus.Draft)));
        using var draft = await client.GetAsync($"/p/{slug}/data");
        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
    }

    private static List<string> Rows(AngleSharp.Html.Dom.IHtmlDocument page, string section) =>
        page.QuerySelectorAll($"section[aria-labelledby={section}] tbody tr")
            .Select(r => $"{r.GetAttribute("data-code")} {r.QuerySelector("td")!.TextContent}").ToList();
}
