using System.Net;
using AngleSharp.Html.Dom;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// The page a confirmation link leads to, used as a signer does: open it, then press its one button, which posts
/// the page's own form (its antiforgery token, with the cookie the page set). The client must keep cookies.
/// </summary>
public static class ConfirmationPage
{
    /// <summary>Opens the link, as a signer does from their mail app, and returns the fields of the page's one form.</summary>
    public static async Task<List<KeyValuePair<string, string>>> OpenAsync(HttpClient http, string link)
    {
        using var opened = await http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        return Fields(FormOf(await opened.ReadPageAsync()));
    }

    /// <summary>Presses the button of a page opened before: posts its form back to the link.</summary>
    public static Task<HttpResponseMessage> PressAsync(HttpClient http, string link, List<KeyValuePair<string, string>> fields) =>
        http.PostAsync(link, new FormUrlEncodedContent(fields));

    /// <summary>Opens the link, presses the button, and follows the redirect to the page that says what happened.</summary>
    public static async Task<IHtmlDocument> ConfirmAsync(HttpClient http, string link)
    {
        using var pressed = await PressAsync(http, link, await OpenAsync(http, link));
        return await FollowAsync(http, link, pressed);
    }

    /// <summary>Follows the redirect that answers a press of the button, and reads the page it leads to.</summary>
    public static async Task<IHtmlDocument> FollowAsync(HttpClient http, string link, HttpResponseMessage pressed)
    {
        Assert.Equal(HttpStatusCode.Found, pressed.StatusCode);
        var from = http.BaseAddress is null ? new Uri(link) : new Uri(http.BaseAddress, link);
        using var shown = await http.GetAsync(new Uri(from, pressed.Headers.Location!));
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        return await shown.ReadPageAsync();
    }

    /// <summary>The page's confirm form: the only form in its main content, posting back to the link.</summary>
    public static IHtmlFormElement FormOf(IHtmlDocument page)
    {
        var form = Assert.Single(page.QuerySelectorAll("main form"));
        Assert.Equal("post", form.GetAttribute("method"), ignoreCase: true);
        Assert.Null(form.GetAttribute("action"));
        return (IHtmlFormElement)form;
    }

    /// <summary>Every field the form would send: its hidden inputs (the antiforgery token).</summary>
    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form) =>
        form.QuerySelectorAll("input").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
}
