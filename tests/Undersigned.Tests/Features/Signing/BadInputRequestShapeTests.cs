using System.Net;
using System.Text;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// Requests to the sign form of the wrong size or shape: bodies over the limit, JSON, too many or too long form keys.
/// </summary>
public sealed class BadInputRequestShapeTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : BadInputTest<AppFixture>(apps, output)
{
    [Theory]
    [OnEachDatabase(2 * 1024 * 1024)]
    [OnEachDatabase(40 * 1024)]
    public async Task A_body_over_the_request_limit_gets_413(DatabaseProvider provider, int bytes)
    {
        await UseAsync(provider);

        using var signer = NewSigner();
        await signer.OpenAsync(Demo);
        var fields = new SignatureForm { Comment = new string('x', bytes) }.Fields().Prepend(new(Signer.TokenField, signer.Token!));
        var before = await StoredAsync();

        // As browsers and proxies do for large bodies: wait for the server's word before sending it, so that the
        // refusal is read rather than lost to a connection the server closed mid-upload.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/p/{Demo}") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.ExpectContinue = true;
        using var response = await signer.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("too much", (await response.ReadPageAsync()).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync());
    }

    [Theory, OnEachDatabase]
    public async Task JSON_posted_to_the_form_gets_a_4xx(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();
        await signer.OpenAsync(Demo);
        var json = System.Text.Json.JsonSerializer.Serialize(
            new SignatureForm().Fields().Prepend(new(Signer.TokenField, signer.Token!)).ToDictionary());
        var before = await StoredAsync();

        using var response = await signer.PostAsync(Demo, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(before, await StoredAsync());
    }

    [Theory, OnEachDatabase]
    public async Task JSON_posted_to_the_form_with_the_token_in_a_header_gets_415(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();
        await signer.OpenAsync(Demo);
        var json = System.Text.Json.JsonSerializer.Serialize(new SignatureForm().Fields().ToDictionary());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/p/{Demo}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", signer.Token);
        var before = await StoredAsync();

        using var response = await signer.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(before, await StoredAsync());
    }

    [Theory, OnEachDatabase]
    public async Task Too_many_form_fields_get_a_4xx(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();
        await signer.OpenAsync(Demo);
        var fields = new SignatureForm().Fields().Prepend(new(Signer.TokenField, signer.Token!))
            .Concat(Enumerable.Range(0, 5000).Select(i => new KeyValuePair<string, string>(ShortKey(i), "")));
        var before = await StoredAsync();

        using var response = await signer.PostAsync(Demo, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await StoredAsync());
    }

    [Theory, OnEachDatabase]
    public async Task A_form_key_longer_than_the_limit_gets_a_4xx(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();
        await signer.OpenAsync(Demo);
        var fields = new SignatureForm().Fields().Prepend(new(Signer.TokenField, signer.Token!))
            .Append(new(new string('k', 4096), "v"));
        var before = await StoredAsync();

        using var response = await signer.PostAsync(Demo, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await StoredAsync());
    }

    /// <summary>Distinct three-letter keys, so that 5,000 of them stay well under the form's size limit.</summary>
    private static string ShortKey(int i)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        return $"{letters[i / 676 % 26]}{letters[i / 26 % 26]}{letters[i % 26]}";
    }
}
