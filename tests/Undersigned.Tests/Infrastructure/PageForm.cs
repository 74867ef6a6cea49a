using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// One form of a page, as a browser holds it after loading the page: its own hidden inputs (antiforgery token
/// included) and the default value of every field. A test changes only fields the form has, then presses one of
/// its buttons; the form is sent where a browser would send it (the button's formaction, the form's action, or
/// the page's own address) with exactly what a browser would send.
/// </summary>
public sealed class PageForm
{
    private static readonly HtmlParser Parser = new();

    private readonly HttpClient http;
    private readonly Uri page;
    private readonly IHtmlFormElement form;
    private readonly IElement? defaultButton;
    private readonly List<FormField> fields;
    private readonly Dictionary<string, FormFile> files = [];

    private PageForm(HttpClient http, Uri page, IHtmlFormElement form, IElement? defaultButton)
    {
        this.http = http;
        this.page = page;
        this.form = form;
        this.defaultButton = defaultButton;
        fields = FormField.ReadAll(form);
    }

    /// <summary>
    /// Opens <paramref name="path"/> and finds the one form on it that has a button named <paramref name="button"/>
    /// (its text, or its aria-label) and matches <paramref name="selector"/>; at least one of the two is needed
    /// when the page has more than one form. Fails unless the page answers 200 and exactly one form fits.
    /// </summary>
    public static async Task<PageForm> OpenAsync(HttpClient http, string path, string? button = null, string? selector = null)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        var document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        return On(http, path, document, button, selector);
    }

    /// <summary>The form on a page already in hand, such as a form that came back with its errors.</summary>
    public static PageForm On(HttpClient http, string path, IHtmlDocument document, string? button = null, string? selector = null)
    {
        var matches = document.Forms
            .Where(f => selector is null || f.Matches(selector))
            .Where(f => button is null || FormButtons.Named(f, button) is not null)
            .ToList();
        if (matches.Count != 1)
        {
            var forms = string.Join("\n", document.Forms.Select(f => $"  action={f.GetAttribute("action") ?? "(none)"}, buttons: "
                + string.Join(", ", FormButtons.All(f).Select(FormButtons.NameOf))));
            throw new InvalidOperationException(
                $"{matches.Count} forms on {path} fit button '{button ?? "(any)"}' and selector '{selector ?? "(any)"}'; one must. The page's forms:\n{forms}");
        }
        var form = matches[0];
        return new PageForm(http, new Uri(http.BaseAddress!, path), form, button is null ? FormButtons.Default(form) : FormButtons.Named(form, button));
    }

    /// <summary>The value a field will be sent with, or null when it will not be sent (an unticked box).</summary>
    public string? this[string name] => fields.FirstOrDefault(f => f.Name == name && f.Sent)?.Value;

    /// <summary>Types <paramref name="value"/> into a field (or, for a hidden input or a select, puts it there as a tampered page would).</summary>
    public PageForm Set(string name, string value)
    {
        var field = Single(name, f => !f.IsBox && !f.IsFile, "a text field, select or hidden input");
        field.Value = value;
        field.Sent = true;
        return this;
    }

    /// <summary>Ticks the box or radio button named <paramref name="name"/> (with that value, if several share the name).</summary>
    public PageForm Check(string name, string? value = null)
    {
        var box = Single(name, f => f.IsBox && (value is null || f.Value == value), value is null ? "a box" : $"a box with value {value}");
        if (box.IsRadio)
        {
            fields.Where(f => f.Name == name).ToList().ForEach(f => f.Sent = false);
        }
        box.Sent = true;
        return this;
    }

    /// <summary>Unticks the box named <paramref name="name"/> (with that value, if several share the name).</summary>
    public PageForm Uncheck(string name, string? value = null)
    {
        Single(name, f => f.IsBox && !f.IsRadio && (value is null || f.Value == value), "a box").Sent = false;
        return this;
    }

    /// <summary>
    /// Adds a field the form does not have, as a forged request would: only for tests that a handler ignores what
    /// its form never offered. <see cref="Set"/> refuses such a field.
    /// </summary>
    public PageForm Forge(string name, string value)
    {
        Assert.DoesNotContain(fields, f => f.Name == name);
        fields.Add(new FormField(name, value, true, "forged"));
        return this;
    }

    /// <summary>Chooses a file for the form's file input <paramref name="name"/>.</summary>
    public PageForm Attach(string name, byte[] content, string fileName, string contentType)
    {
        Single(name, f => f.IsFile, "a file input");
        files[name] = new FormFile(content, fileName, contentType);
        return this;
    }

    /// <summary>Presses the form's button named <paramref name="button"/>, or the one it was found by.</summary>
    public Task<HttpResponseMessage> SubmitAsync(string? button = null)
    {
        var submitter = button is null ? defaultButton : FormButtons.Named(form, button)
            ?? throw new InvalidOperationException($"The form has no button '{button}'.");
        var method = submitter?.GetAttribute("formmethod") ?? form.GetAttribute("method") ?? "get";
        if (!method.Equals("post", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"The form is sent with {method}; only POST forms are submitted here.");
        }
        var action = submitter?.GetAttribute("formaction") ?? form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page : new Uri(page, action);
        var sent = fields.Where(f => f.Sent && !f.IsFile).Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (submitter?.GetAttribute("name") is { Length: > 0 } buttonName)
        {
            sent.Add(new(buttonName, submitter.GetAttribute("value") ?? ""));
        }
        var multipart = (submitter?.GetAttribute("formenctype") ?? form.GetAttribute("enctype")) == "multipart/form-data";
        var request = new HttpRequestMessage(HttpMethod.Post, new UriBuilder(target) { Fragment = "" }.Uri)
        {
            Content = multipart ? FormBodies.Multipart(sent, fields.Where(f => f.IsFile).Select(f => (f.Name, files.GetValueOrDefault(f.Name))))
                : FormBodies.UrlEncoded(sent),
        };
        // A large upload waits for the server's word first, so a refusal (413) arrives as an answer, not a reset.
        request.Headers.ExpectContinue = multipart;
        return SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await http.SendAsync(request);
        }
    }

    private FormField Single(string name, Func<FormField, bool> kind, string what)
    {
        var named = fields.Where(f => f.Name == name).ToList();
        if (named.Count == 0)
        {
            throw new InvalidOperationException($"The form has no field named '{name}'. Its fields: {string.Join(", ", fields.Select(f => f.Name).Distinct())}.");
        }
        var matching = named.Where(kind).ToList();
        return matching.Count == 1 ? matching[0]
            : throw new InvalidOperationException($"The form's field '{name}' is not {what} (or is several).");
    }
}
