using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Web;

/// <summary>What assistive technology relies on: one h1 per page, and every form control named by a label.</summary>
public sealed class PageStructureTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    public static TheoryData<string, int> Pages => new()
    {
        { "/", 200 },
        { "/?culture=es", 200 },
        { $"/p/{Demo}", 200 },
        { $"/p/{Demo}?culture=es", 200 },
        { $"/p/{Demo}/thanks", 200 },
        { $"/p/{Demo}/thanks?status=check-email", 200 },
        { "/no-such-page", 404 },
        { "/p/no-such-petition", 404 },
        { "/error/500", 500 },
    };

    [Theory, OnEachDatabase(Rows = nameof(Pages))]
    public async Task Every_page_has_exactly_one_h1_and_a_language(DatabaseProvider provider, string path, int status)
    {
        await UseAsync(provider);

        IHtmlDocument page;
        if (status == 500)
        {
            // The error page itself, as a server failure would show it; the client guard allows no real 5xx.
            using var client = new HttpClient { BaseAddress = App.Address };
            using var response = await client.GetAsync(path);
            Assert.Equal(status, (int)response.StatusCode);
            page = await response.ReadPageAsync();
        }
        else
        {
            page = await GetPageAsync(path, (HttpStatusCode)status);
        }

        var h1 = Assert.Single(page.QuerySelectorAll("h1"));
        Assert.False(string.IsNullOrWhiteSpace(h1.TextContent));
        Assert.False(string.IsNullOrWhiteSpace(page.DocumentElement.GetAttribute("lang")));
    }

    [Theory, OnEachDatabase]
    public async Task A_closed_petition_page_has_exactly_one_h1(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var closed = await AddPetitionAsync(PetitionStatus.Closed);

        var page = await GetPageAsync($"/p/{closed}");

        Assert.Single(page.QuerySelectorAll("h1"));
    }

    [Theory, OnEachDatabase]
    public async Task Every_control_of_the_sign_form_has_a_label(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();

        var page = await signer.OpenAsync(Demo);

        AssertEveryControlLabelled(page, expectedAtLeast: 8);
    }

    [Theory, OnEachDatabase]
    public async Task The_sign_form_with_errors_still_has_one_h1_and_a_label_for_every_control(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();

        using var response = await signer.SignAsync(Demo, new SignatureForm { FirstName = "", Email = "not an email" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Single(page.QuerySelectorAll("h1"));
        AssertEveryControlLabelled(page, expectedAtLeast: 8);
    }

    [Theory, OnEachDatabase]
    public async Task The_link_to_copy_on_the_thank_you_page_has_a_label(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var page = await GetPageAsync($"/p/{Demo}/thanks");

        AssertEveryControlLabelled(page, expectedAtLeast: 1);
    }

    private static void AssertEveryControlLabelled(IHtmlDocument page, int expectedAtLeast)
    {
        var controls = page.QuerySelectorAll("input, select, textarea")
            .Where(c => c.GetAttribute("type") is not ("hidden" or "submit" or "button"))
            .ToList();
        Assert.True(controls.Count >= expectedAtLeast, $"Only {controls.Count} form controls found.");
        foreach (var control in controls)
        {
            Assert.True(HasLabel(page, control), $"<{control.LocalName} name=\"{control.GetAttribute("name")}\"> has no label.");
        }
        var ids = page.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static bool HasLabel(IHtmlDocument page, IElement control)
    {
        if (control.Closest("label") is { } wrapping && !string.IsNullOrWhiteSpace(wrapping.TextContent))
        {
            return true;
        }
        if (control.GetAttribute("aria-labelledby") is { } labelledBy)
        {
            return labelledBy.Split(' ').All(id => !string.IsNullOrWhiteSpace(page.GetElementById(id)?.TextContent));
        }
        return !string.IsNullOrEmpty(control.Id) && page.QuerySelectorAll("label")
            .Any(l => l.GetAttribute("for") == control.Id && !string.IsNullOrWhiteSpace(l.TextContent));
    }
}
