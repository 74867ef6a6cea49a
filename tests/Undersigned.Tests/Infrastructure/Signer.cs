using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// A person signing through the real pages: opens the petition page, keeps its antiforgery cookie and hidden token,
/// and posts the sign form as a browser would. Redirects are not followed, so a test sees the 302 and where it goes.
/// </summary>
public sealed class Signer : IDisposable
{
    public const string TokenField = "__RequestVerificationToken";

    private static readonly HtmlParser Parser = new();

    public Signer(UndersignedApp app) => Http = app.CreateHttpClient(Cookies);

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    /// <summary>The hidden antiforgery token of the last sign form this signer opened.</summary>
    public string? Token { get; private set; }

    /// <summary>Opens a petition page (as a signer first does) and keeps the form's token.</summary>
    public async Task<IHtmlDocument> OpenAsync(string slug)
    {
        using var response = await Http.GetAsync(slug.StartsWith('/') ? slug : $"/p/{slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        Token = page.QuerySelector($"form input[name={TokenField}]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"/p/{slug} has no sign form with an antiforgery token.");
        return page;
    }

    /// <summary>Opens the petition page if needed, then submits the sign form.</summary>
    public async Task<HttpResponseMessage> SignAsync(string slug, SignatureForm form)
    {
        if (Token is null)
        {
            await OpenAsync(slug);
        }
        return await PostAsync(slug, new FormUrlEncodedContent(form.Fields().Prepend(new(TokenField, Token!))));
    }

    /// <summary>
    /// Opens a page with a sign form (e.g. <c>/p/slug?source=org.sub</c>), fills it in as a person would, ticks the
    /// share boxes for <paramref name="shareWith"/> (which must be on the form), and submits it with every hidden
    /// field the page put in the form, as a browser does.
    /// </summary>
    public async Task<HttpResponseMessage> SignOnPageAsync(string page, SignatureForm form, params string[] shareWith)
    {
        var document = await OpenAsync(page);
        return await SubmitAsync(document, page, form, shareWith);
    }

    /// <summary>Submits the sign form of a page already opened (or returned with errors).</summary>
    public Task<HttpResponseMessage> SubmitAsync(IHtmlDocument document, string page, SignatureForm form, params string[] shareWith)
    {
        var sign = document.QuerySelector("form.sign-form")!;
        var hidden = sign.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""));
        var boxes = shareWith.Select(slug =>
        {
            var box = sign.QuerySelector($"input[type=checkbox][value='{slug}']")
                ?? throw new InvalidOperationException($"The form on {page} offers no share box for {slug}.");
            return new KeyValuePair<string, string>(box.GetAttribute("name")!, slug);
        });
        // The form's action is "#sign": a browser posts it to the page's own address, query string included.
        var path = page.StartsWith('/') ? page : $"/p/{page}";
        return Http.PostAsync(path, new FormUrlEncodedContent(hidden.Concat(form.Fields()).Concat(boxes).ToList()));
    }

    /// <summary>Opens <paramref name="page"/> and holds one of its forms (see <see cref="PageForm.OpenAsync"/>), with this signer's cookies.</summary>
    public Task<PageForm> FormAsync(string page, string? button = null, string? selector = null) =>
        PageForm.OpenAsync(Http, page, button, selector);

    /// <summary>Posts anything at all to the petition's sign form, with this signer's cookies.</summary>
    public Task<HttpResponseMessage> PostAsync(string slug, HttpContent content) => Http.PostAsync($"/p/{slug}", content);

    public void Dispose() => Http.Dispose();
}

/// <summary>The sign form's fields as a person fills them in; valid by default, with an email no one else uses.</summary>
public sealed record SignatureForm
{
    public string? FirstName { get; init; } = "Ada";
    public string? LastName { get; init; } = "Lovelace";
    public string? Email { get; init; } = $"ada.{Guid.NewGuid():N}@example.org";
    public string? PostalCode { get; init; } = "60601";
    public string? Country { get; init; } = "US";
    public string? Comment { get; init; }
    public bool ShowNamePublicly { get; init; }
    public bool WantsUpdates { get; init; }

    /// <summary>The typed value of a text field, by its name in the form (FirstName, Email, ...).</summary>
    public string? this[string field] => field switch
    {
        nameof(FirstName) => FirstName,
        nameof(LastName) => LastName,
        nameof(Email) => Email,
        nameof(PostalCode) => PostalCode,
        nameof(Country) => Country,
        nameof(Comment) => Comment,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a text field of the sign form."),
    };

    /// <summary>A copy with one text field set to a value, by the field's name.</summary>
    public SignatureForm With(string field, string? value) => field switch
    {
        nameof(FirstName) => this with { FirstName = value },
        nameof(LastName) => this with { LastName = value },
        nameof(Email) => this with { Email = value },
        nameof(PostalCode) => this with { PostalCode = value },
        nameof(Country) => this with { Country = value },
        nameof(Comment) => this with { Comment = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a text field of the sign form."),
    };

    /// <summary>The fields as a browser posts them: unticked boxes are left out, as they are in HTML.</summary>
    public IEnumerable<KeyValuePair<string, string>> Fields()
    {
        foreach (var field in TextFields)
        {
            if (this[field] is { } value)
            {
                yield return new($"Form.{field}", value);
            }
        }
        if (ShowNamePublicly)
        {
            yield return new("Form.ShowNamePublicly", "true");
        }
        if (WantsUpdates)
        {
            yield return new("Form.WantsUpdates", "true");
        }
    }

    public static readonly string[] TextFields =
        [nameof(FirstName), nameof(LastName), nameof(Email), nameof(PostalCode), nameof(Country), nameof(Comment)];
}
