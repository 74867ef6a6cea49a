using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Features.Signing;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Petitions;

/// <summary>
/// The petition page is rendered once and sent to many readers, each with their own antiforgery token and cookie
/// spliced in: no reader is ever given another's token, and forms served from the cache still sign.
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
}

/// <summary>The app with a page cache long enough that every read of a test is served from it.</summary>
public class LongPageCacheApp : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Petitions:PageCache"] = "01:00:00" };
}
