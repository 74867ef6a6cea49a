using System.Net;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// Posts to the sign form without the visitor's own antiforgery token.
/// </summary>
public sealed class BadInputAntiforgeryTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : BadInputTest<AppFixture>(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task A_post_without_the_antiforgery_token_gets_400(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var before = await StoredAsync();
        using var signer = NewSigner();
        await signer.OpenAsync(Demo);
        using var stranger = NewSigner();

        using var withCookieOnly = await signer.PostAsync(Demo, new FormUrlEncodedContent(new SignatureForm().Fields()));
        using var withNothing = await stranger.PostAsync(Demo, new FormUrlEncodedContent(new SignatureForm().Fields()));
        using var withTokenOnly = await stranger.PostAsync(Demo,
            new FormUrlEncodedContent(new SignatureForm().Fields().Prepend(new(Signer.TokenField, signer.Token!))));

        Assert.Equal(HttpStatusCode.BadRequest, withCookieOnly.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withNothing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withTokenOnly.StatusCode);
        Assert.Equal(before, await StoredAsync());
    }

    [Theory, OnEachDatabase]
    public async Task A_post_with_an_antiforgery_token_from_another_visitor_gets_400(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var victim = NewSigner();
        await victim.OpenAsync(Demo);
        using var attacker = NewSigner();
        await attacker.OpenAsync(Demo);
        var before = await StoredAsync();

        using var response = await victim.PostAsync(Demo,
            new FormUrlEncodedContent(new SignatureForm().Fields().Prepend(new(Signer.TokenField, attacker.Token!))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await StoredAsync());
    }
}
