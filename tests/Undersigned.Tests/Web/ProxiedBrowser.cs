using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Undersigned.Tests.Infrastructure;

namespace Undersigned.Tests.Web;

/// <summary>
/// A browser that reaches the app through a proxy ending TLS: it is on https://{host}, so it keeps and sends Secure
/// cookies, while the app sees plain HTTP on its loopback port with that Host header and no forwarded header. Every
/// Set-Cookie the app sends is kept for the test to read.
/// </summary>
public sealed class ProxiedBrowser : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly Dictionary<string, string> jar = [];

    public ProxiedBrowser(Uri address, string host)
    {
        var transport = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        Http = new HttpClient(new NoServerErrors { InnerHandler = new Jar(this) { InnerHandler = transport } }) { BaseAddress = address };
        Http.DefaultRequestHeaders.Host = host;
    }

    public HttpClient Http { get; }

    /// <summary>Every Set-Cookie header received, in order.</summary>
    public List<string> SetCookies { get; } = [];

    /// <summary>Opens a page and submits its first form as a person would: its own fields, with what they typed.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string page, Dictionary<string, string> typed)
    {
        using var opened = await Http.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var form = Parser.ParseDocument(await opened.Content.ReadAsStringAsync()).Forms.First(f => f.Method == "post");
        var fields = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Name is { Length: > 0 } && i.Type is not ("submit" or "checkbox" or "radio"))
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (name, value) in typed)
        {
            fields[name] = value;
        }
        var action = form.GetAttribute("action") is { Length: > 0 } target ? target : page;
        return await Http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public void Dispose() => Http.Dispose();

    private sealed class Jar(ProxiedBrowser browser) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (browser.jar.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", browser.jar.Select(c => $"{c.Key}={c.Value}")));
            }
            var response = await base.SendAsync(request, cancellationToken);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
            {
                browser.SetCookies.Add(cookie);
                var pair = cookie.Split(';')[0];
                var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                if (value.Length == 0)
                {
                    browser.jar.Remove(name); // how a cookie is deleted: emptied, with a date in the past
                }
                else
                {
                    browser.jar[name] = value;
                }
            }
            return response;
        }
    }
}
