using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// A staff member using the real pages: an account made through Identity (as <c>users add</c> does), logged in
/// through the login form, with cookies kept. <see cref="FormAsync"/> holds one form of a page, to submit it with its
/// own fields as a browser would.
/// </summary>
public sealed class StaffMember : IDisposable
{
    public const string Password = "correct horse battery staple";

    private static readonly HtmlParser Parser = new();

    private StaffMember(UndersignedApp app, string email, IPAddress? from = null)
    {
        Email = email;
        Http = app.CreateHttpClient(Cookies, from);
    }

    public string Email { get; }
    public CookieContainer Cookies { get; } = new();
    public HttpClient Http { get; }

    /// <summary>Creates an account (organization by slug for organizers and partners) and logs it in.</summary>
    public static async Task<StaffMember> LogInAsync(UndersignedApp app, string role, string? organization = null)
    {
        var email = $"{role}.{Guid.NewGuid():N}@staff.example.org";
        await CreateAsync(app, email, role, organization);
        var member = new StaffMember(app, email);
        using var response = await member.SubmitLoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return member;
    }

    /// <summary>A visitor who is not logged in, with a cookie jar for the login form, from another address if given.</summary>
    public static StaffMember Anonymous(UndersignedApp app, IPAddress? from = null) => new(app, "", from);

    /// <summary>Another browser logging in to an existing account: a session of its own.</summary>
    public static async Task<StaffMember> LogInAsAsync(UndersignedApp app, string email, IPAddress? from = null)
    {
        var member = new StaffMember(app, email, from);
        using var response = await member.SubmitLoginAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return member;
    }

    /// <summary>The staff cookie as someone who copied it would have it: the value of <c>undersigned-staff</c>.</summary>
    public string CopySessionCookie(UndersignedApp app) =>
        Cookies.GetCookies(app.Address)[SessionCookieName]?.Value ?? throw new InvalidOperationException($"{Email} has no staff cookie.");

    /// <summary>A client that sends only a copied staff cookie, as whoever copied it would replay it.</summary>
    public static HttpClient ReplayingCookie(UndersignedApp app, string cookie)
    {
        var client = app.CreateHttpClient();
        client.DefaultRequestHeaders.Add("Cookie", $"{SessionCookieName}={cookie}");
        return client;
    }

    private const string SessionCookieName = "undersigned-staff";

    public static async Task CreateAsync(UndersignedApp app, string email, string role, string? organization)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var orgId = organization is null ? (int?)null : await db.Organizations.Where(o => o.Slug == organization).Select(o => o.Id).SingleAsync();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, OrganizationId = orgId, CreatedAt = DateTime.UtcNow };
        AssertSucceeded(await users.CreateAsync(user, Password));
        AssertSucceeded(await users.AddToRoleAsync(user, role));
    }

    /// <summary>Fills in and sends the login form, as a person does.</summary>
    public async Task<HttpResponseMessage> SubmitLoginAsync(string email, string password)
    {
        var form = await FormAsync("/login", "Log in");
        return await form.Set("Email", email).Set("Password", password).SubmitAsync();
    }

    /// <summary>Opens <paramref name="page"/> and holds its form with the button <paramref name="button"/> (see <see cref="PageForm.OpenAsync"/>).</summary>
    public Task<PageForm> FormAsync(string page, string? button = null, string? selector = null) =>
        PageForm.OpenAsync(Http, page, button, selector);

    /// <summary>Opens <paramref name="page"/>, types <paramref name="fields"/> into its form with the button <paramref name="button"/>, and presses it.</summary>
    public async Task<HttpResponseMessage> FillInAsync(string page, string button, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var form = await FormAsync(page, button);
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }
        return await form.SubmitAsync();
    }

    /// <summary>Presses "Log out" in the staff menu of <paramref name="page"/>, as a person does.</summary>
    public async Task<HttpResponseMessage> LogOutAsync(string page = "/account/password") =>
        await (await FormAsync(page, selector: "form[action='/logout']")).SubmitAsync();

    /// <summary>
    /// Posts <paramref name="fields"/> to <paramref name="url"/> with the antiforgery token of a form on
    /// <paramref name="tokenPage"/>. Antiforgery tokens belong to the signed-in user, not to one form, so this is how
    /// an intruder reaches a handler whose form they cannot open, or anyone a handler no page offers: for
    /// authorization tests and requests made by hand, never to stand in for a form a person fills in.
    /// </summary>
    public async Task<HttpResponseMessage> PostWithTokenBorrowedFromAsync(string tokenPage, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await TokenBorrowedFromAsync(tokenPage);
        return await Http.PostAsync(url, new FormUrlEncodedContent(fields.Append(new(Signer.TokenField, token))));
    }

    /// <summary>The antiforgery token of the first form on <paramref name="page"/>, to send with a request no form of that page makes.</summary>
    public async Task<string> TokenBorrowedFromAsync(string page)
    {
        var document = await GetPageAsync(page);
        return document.QuerySelector($"form input[name={Signer.TokenField}]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No form on {page} carries an antiforgery token.");
    }

    public async Task<IHtmlDocument> GetPageAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => Http.Dispose();

    private static void AssertSucceeded(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
