using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Web.MalformedBodies;

/// <summary>
/// Every POST route the app has, read from its endpoints, against every way a body can be malformed: each answer
/// is a 4xx with the error page (a problem document under /api), never a 5xx and never a change; nothing stored
/// moves and nothing is logged as an error. The requests come from a logged-in admin with a valid form token,
/// and the route parameters are real (the demo petition, a live manage link, ...), so that only the body is wrong.
/// </summary>
public sealed class MalformedBodyTests(PerDatabase<PostRoutesApp> apps, ITestOutputHelper output)
    : FixtureTest<PostRoutesApp>(apps, output)
{
    private UndersignedApp App => Fixture.App;

    public static TheoryData<string> Malformations() => [.. MalformedBody.All.Select(m => m.Name)];

    [Theory, OnEachDatabase]
    public async Task The_table_covers_the_forms_people_post(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var names = Fixture.Routes.Select(r => r.Name).ToList();
        Output.WriteLine($"{names.Count} POST routes:\n{string.Join('\n', names)}");

        foreach (var route in new[] { "/p/{slug}", "/login", "/logout", "/p/{slug}/resend", "/p/{slug}/manage",
            "/p/{slug}/manage/{token}?handler=Withdraw", "/unsubscribe/{token}/one-click", "/admin/petitions/{slug}/sponsors?handler=Add" })
        {
            Assert.Contains(route, names);
        }
        Assert.DoesNotContain("/healthz", names);
    }

    [Theory, OnEachDatabase(Rows = nameof(Malformations))]
    public async Task A_malformed_body_to_any_POST_route_gets_a_4xx_error_page_and_changes_nothing(DatabaseProvider provider, string malformation)
    {
        await UseAsync(provider);

        var malformed = MalformedBody.All.Single(m => m.Name == malformation);
        var failures = new List<string>();

        foreach (var route in Fixture.Routes)
        {
            var before = await StoredTables.ReadAsync(App);
            var errors = Fixture.Log.Errors.Count;

            var sent = malformed.Build(route, Fields(route));
            var (status, type, body) = await SendAsync(route, sent);

            // A body over the route's own limit is refused for its size before anything else is looked at.
            var statuses = sent.Body.Length > route.BodyLimit ? [.. malformed.Statuses, 413] : malformed.Statuses;
            var problems = ProblemsWith(route, status, type, body, statuses).ToList();
            problems.AddRange(StoredTables.Changed(before, await StoredTables.ReadAsync(App)).Select(t => $"changed {t}"));
            problems.AddRange(Fixture.Log.Errors.Skip(errors).Select(e => $"logged an error: {e.Split('\n')[0]}"));
            failures.AddRange(problems.Select(p => $"{route.Name}: {status}, {p}"));
        }

        Assert.True(failures.Count == 0, $"{malformation}:\n{string.Join('\n', failures)}");
    }

    [Theory, OnEachDatabase]
    public async Task A_body_shorter_than_its_Content_Length_to_any_POST_route_times_out_with_408_and_changes_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var before = await StoredTables.ReadAsync(App);
        var errors = Fixture.Log.Errors.Count;

        // Kestrel waits for the missing bytes for a few seconds before answering; all routes wait side by side.
        var answers = await Task.WhenAll(Fixture.Routes.Select(async route =>
            (route, answer: await SendAsync(route, MalformedBody.ShorterThanClaimed(Fields(route))))));

        var failures = answers.SelectMany(a => ProblemsWith(a.route, a.answer.Status, a.answer.Type, a.answer.Body, [408])
            .Select(p => $"{a.route.Name}: {a.answer.Status}, {p}")).ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Empty(StoredTables.Changed(before, await StoredTables.ReadAsync(App)));
        Assert.Empty(Fixture.Log.Errors.Skip(errors));
    }

    [Theory, OnEachDatabase]
    public async Task The_same_fields_sent_well_formed_do_sign_so_the_table_is_not_refused_for_its_fields(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var sign = Fixture.Routes.Single(r => r.Name == "/p/{slug}");
        var fields = Fields(sign);
        var email = fields.Single(f => f.Key == "Form.Email").Value;

        var (status, _, _) = await SendAsync(sign, new BodySent(["application/x-www-form-urlencoded"], MalformedBody.UrlEncoded(fields)));

        Assert.Equal(302, status);
        Assert.True(await App.QueryAsync(db => db.Signatures.AnyAsync(s => s.Email == email)));
    }

    [Theory]
    [OnEachDatabase("/p/stop-shotspotter", "text/html")]
    [OnEachDatabase("/api/petitions", "application/problem+json")]
    public async Task A_GET_with_a_form_in_UTF_7_gets_415_rather_than_a_server_error(DatabaseProvider provider, string path, string type)
    {
        await UseAsync(provider);

        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Content = new ByteArrayContent("a=b"u8.ToArray()) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-7");

        using var response = await Fixture.Admin.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// A form that would do something on most routes: sign, withdraw, stop sharing, unsubscribe, ask for a link. A route
    /// with a small size limit (one-click unsubscribe takes 1 KB) gets only its own field, so the body fits.
    /// </summary>
    private List<KeyValuePair<string, string>> Fields(PostRoute route) => route.BodyLimit < 4096
        ? [new(Signer.TokenField, Fixture.FormToken), new("List-Unsubscribe", "One-Click")]
        : [
        new(Signer.TokenField, Fixture.FormToken),
        new("Form.FirstName", "Ada"), new("Form.LastName", "Lovelace"), new("Form.Email", $"ada.{Guid.NewGuid():N}@example.org"),
        new("Form.PostalCode", "60601"), new("Form.Country", "US"),
        new("Email", Fixture.CountedEmail), new("ConfirmWithdrawal", "true"), new("Organization", PostRoutesApp.Organization),
        new("Name", "Malformed"),
        new("List-Unsubscribe", "One-Click"),
    ];

    private async Task<(int Status, string? Type, string Body)> SendAsync(PostRoute route, BodySent sent)
    {
        var path = route.PathWith(Fixture.Known);
        if (sent.NeedsSocket)
        {
            var head = new List<string> { $"POST {path} HTTP/1.1", $"Cookie: {Fixture.Admin.Cookies.GetCookieHeader(App.Address)}" };
            head.AddRange(sent.ContentTypes.Select(t => $"Content-Type: {t}"));
            head.Add($"Content-Length: {sent.ClaimedLength ?? sent.Body.Length}");
            var answer = await RawHttp.SendAsync(App.Address, head, sent.Body);
            return (answer.Status, answer.Header("Content-Type")?.Split(';')[0], answer.Body);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(sent.Body) };
        foreach (var type in sent.ContentTypes)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        // As browsers do for large bodies: wait for the server's word, so a refusal is read rather than lost to a reset.
        request.Headers.ExpectContinue = sent.Body.Length > 64 * 1024;
        using var response = await Fixture.Admin.Http.SendAsync(request);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<string> ProblemsWith(PostRoute route, int status, string? type, string body, int[] statuses)
    {
        if (!statuses.Contains(status))
        {
            yield return $"expected {string.Join(" or ", statuses)}";
            yield break;
        }
        if (route.IsApi)
        {
            if (type != "application/problem+json" || JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32() != status)
            {
                yield return $"not a problem document: {type}";
            }
            yield break;
        }
        var heading = Parse(body).QuerySelector("h1")?.TextContent;
        var expected = status == 413 ? "That was too much to send" : "This request could not be read";
        if (type != "text/html" || heading != expected)
        {
            yield return $"not the error page: {type}, h1 \"{heading}\"";
        }
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
}
