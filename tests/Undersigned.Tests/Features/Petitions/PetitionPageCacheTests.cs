using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Features.Signing;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Petitions;

/// <summary>
/// The petition page is rendered once and sent to many readers, each with their own antiforgery token and cookie
/// spliced in: no reader is ever given another's token, and forms served from the cache still sign. A partner's link
/// has a page of its own, and made-up links add nothing to the memory.
/// </summary>
public sealed class PetitionPageCacheTests(PerDatabase<LongPageCacheApp> apps, ITestOutputHelper output)
    : IntegrationTest<LongPageCacheApp>(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task Readers_of_the_cached_page_each_get_a_token_of_their_own_that_only_their_cookie_accepts(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var first = NewSigner();
        var original = (await first.OpenAsync(Demo)).QuerySelector("h1")!.TextContent;
        // Changed behind the cache's back: a reader who still sees the old title was served the cached page.
        await App.QueryAsync(db => db.Petitions.Where(p => p.Slug == Demo)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.Title, "Changed after the page was cached")));
        using var second = NewSigner();
        var shown = (await second.OpenAsync(Demo)).QuerySelector("h1")!.TextContent;
        using var third = NewSigner();
        await third.OpenAsync(Demo);

        Assert.Equal(original, shown);
        Assert.Equal(3, new[] { first.Token, second.Token, third.Token }.Distinct().Count());
        using var withOthersToken = await second.PostAsync(Demo,
            new FormUrlEncodedContent(new SignatureForm().Fields().Prepend(new(Signer.TokenField, third.Token!))));
        Assert.Equal(HttpStatusCode.BadRequest, withOthersToken.StatusCode);
        foreach (var signer in new[] { first, second, third })
        {
            using var signed = await signer.SignAsync(Demo, new SignatureForm());
            Assert.Equal($"/p/{Demo}/thanks", signed.RedirectTarget());
        }
    }

    [Theory, OnEachDatabase]
    public async Task A_form_sent_back_with_errors_carries_a_working_token_and_stamp(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();
        await signer.OpenAsync(Demo);

        using var rejected = await signer.SignAsync(Demo, new SignatureForm { Email = "not an address" });
        var page = Parse(await rejected.Content.ReadAsStringAsync());
        var token = page.QuerySelector($"form input[name={Signer.TokenField}]")!.GetAttribute("value")!;
        var shownAt = page.QuerySelector("form input[name='Form.ShownAt']")!.GetAttribute("value")!;
        using var resent = await signer.PostAsync(Demo, new FormUrlEncodedContent(new SignatureForm().Fields()
            .Prepend(new(Signer.TokenField, token)).Append(new("Form.ShownAt", shownAt))));

        Assert.DoesNotContain(VisitorFields.TokenPlaceholder, token, StringComparison.Ordinal);
        Assert.DoesNotContain(VisitorFields.ShownAtPlaceholder, shownAt, StringComparison.Ordinal);
        Assert.Equal($"/p/{Demo}/thanks", resent.RedirectTarget());
    }

    [Theory, OnEachDatabase]
    public async Task A_partner_links_page_is_kept_once_and_still_offers_the_partners_box_and_credits_it(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var link = $"/p/{Demo}?source=fight-for-the-future";
        using var warm = NewSigner();
        await warm.OpenAsync(Demo);
        var before = Cache.Count;

        using var first = NewSigner();
        var firstPage = await first.OpenAsync(link);
        using var second = NewSigner();
        var secondPage = await second.OpenAsync(link);

        Assert.Equal(before + 1, Cache.Count);
        Assert.Equal(new PetitionPageCache.PageKey($"/p/{Demo}", "en", "US", "fight-for-the-future"),
            Assert.Single(PageKeys(), k => k.Source == "fight-for-the-future"));
        foreach (var page in new[] { firstPage, secondPage })
        {
            Assert.Equal("fight-for-the-future", Assert.Single(ShareBoxes(page)));
            Assert.Equal("fight-for-the-future", page.QuerySelector("form.sign-form input[name='Form.Source']")?.GetAttribute("value"));
        }
        Assert.NotEqual(first.Token, second.Token);
        Assert.NotEqual(StampOf(firstPage), StampOf(secondPage));
        // The plain page is a page of its own: its box is the lead organization's, and it credits no one.
        using var plain = NewSigner();
        Assert.Equal("undersigned-coalition", Assert.Single(ShareBoxes(await plain.OpenAsync(Demo))));

        var form = new SignatureForm();
        using var signed = await second.SubmitAsync(secondPage, link, form, "fight-for-the-future");

        Assert.Equal($"/p/{Demo}/thanks", signed.RedirectTarget());
        var (source, consentsTo) = await ReferralAsync(form.Email!);
        Assert.Equal("fight-for-the-future", source);
        Assert.Equal("fight-for-the-future", Assert.Single(consentsTo));
    }

    [Theory, OnEachDatabase]
    public async Task A_flood_of_made_up_links_adds_nothing_to_the_memory_and_each_page_stays_as_it_was(DatabaseProvider provider)
    {
        await UseAsync(provider);
        using var warm = NewSigner();
        await warm.OpenAsync(Demo);
        await warm.OpenAsync($"/p/{Demo}?source=daily-kos");
        var before = Cache.Count;
        var keys = PageKeys();

        var made = Enumerable.Range(0, 200).Select(i => (i % 4) switch
        {
            0 => Guid.NewGuid().ToString("N"), // no such organization
            1 => $"DAILY-KOS.{Guid.NewGuid():N}"[..20], // the partner, but not as the page writes it
            2 => $"daily-kos.{Guid.NewGuid():N}!", // a sub-code the page drops
            _ => $"<b>{i}</b>",
        }).ToList();
        await Parallel.ForEachAsync(made, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (source, _) =>
        {
            using var visitor = NewSigner();
            await visitor.OpenAsync($"/p/{Demo}?source={Uri.EscapeDataString(source)}");
        });

        Assert.Equal(before, Cache.Count);
        Assert.Equal(keys, PageKeys());
        // What such a page shows is unchanged: the organization it names, if any, and its address in the language links.
        using var signer = NewSigner();
        var unknown = await signer.OpenAsync($"/p/{Demo}?source=no-such-org");
        Assert.Equal("undersigned-coalition", Assert.Single(ShareBoxes(unknown)));
        Assert.Null(unknown.QuerySelector("input[name='Form.Source']"));
        Assert.Equal($"/p/{Demo}?source=no-such-org&culture=es", unknown.QuerySelector("a[hreflang=es]")!.GetAttribute("href"));
        var shouted = await signer.OpenAsync($"/p/{Demo}?source=DAILY-KOS");
        Assert.Equal("daily-kos", Assert.Single(ShareBoxes(shouted)));
        Assert.Equal($"/p/{Demo}?source=DAILY-KOS&culture=es", shouted.QuerySelector("a[hreflang=es]")!.GetAttribute("href"));
        Assert.Equal(before, Cache.Count);
    }

    [Theory, OnEachDatabase]
    public async Task Made_up_sub_codes_take_a_few_slots_and_every_sub_code_link_still_credits_its_sub_code(DatabaseProvider provider)
    {
        await UseAsync(provider);
        using var warm = NewSigner();
        await warm.OpenAsync(Demo);
        var before = Cache.Count;

        var made = Enumerable.Range(0, 60).Select(_ => $"mpower-change.{Guid.NewGuid():N}").ToList();
        await Parallel.ForEachAsync(made, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (source, _) =>
        {
            using var visitor = NewSigner();
            await visitor.OpenAsync($"/p/{Demo}?source={source}");
        });

        // The sub-code pages kept, and what counts them: no more however many are made up.
        Assert.InRange(Cache.Count - before, PetitionPageCache.SubCodePages, PetitionPageCache.SubCodePages + 1);
        Assert.Equal(PetitionPageCache.SubCodePages, PageKeys().Count(k => k.Source?.StartsWith("mpower-change.", StringComparison.Ordinal) == true));
        foreach (var source in new[] { made[0], made[^1], "mpower-change.sms" })
        {
            using var signer = NewSigner();
            var form = new SignatureForm();
            using var signed = await signer.SignOnPageAsync($"/p/{Demo}?source={source}", form, "mpower-change");
            Assert.Equal($"/p/{Demo}/thanks", signed.RedirectTarget());
            var (credited, consentsTo) = await ReferralAsync(form.Email!);
            Assert.Equal(source, credited);
            Assert.Equal("mpower-change", Assert.Single(consentsTo));
        }
    }

    private MemoryCache Cache => (MemoryCache)App.Services.GetRequiredService<IMemoryCache>();

    private List<PetitionPageCache.PageKey> PageKeys() => Cache.Keys.OfType<PetitionPageCache.PageKey>().OrderBy(k => k.ToString()).ToList();

    private static List<string> ShareBoxes(IHtmlDocument page) =>
        page.QuerySelectorAll("form.sign-form input[name='Form.ShareWith']").Select(b => b.GetAttribute("value")!).ToList();

    private static string StampOf(IHtmlDocument page) =>
        page.QuerySelector("form.sign-form input[name='Form.ShownAt']")!.GetAttribute("value")!;

    /// <summary>The link a stored signature credits, and the organizations its signer agreed to share with.</summary>
    private Task<(string? Source, List<string> ConsentsTo)> ReferralAsync(string email) => App.QueryAsync(async db =>
    {
        var signature = await db.Signatures.AsNoTracking().SingleAsync(s => s.Email == email);
        var to = await db.ConsentRecords.Where(c => c.SignatureId == signature.Id)
            .Join(db.Organizations, c => c.OrganizationId, o => o.Id, (_, o) => o.Slug).ToListAsync();
        return (signature.Source, to);
    });
}

/// <summary>The app with a page cache long enough that every read of a test is served from it.</summary>
public class LongPageCacheApp : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Petitions:PageCache"] = "01:00:00" };
}
