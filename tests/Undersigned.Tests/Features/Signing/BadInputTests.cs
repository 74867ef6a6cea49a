using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// Hostile and mistaken input to the sign form. Each is refused with a 4xx, or with the form again showing the
/// error beside its field and the typed values kept; and nothing already stored changes.
/// </summary>
public abstract class BadInputTests(AppFixture fixture, ITestOutputHelper output) : IntegrationTest(fixture, output)
{
    private const string Script = "<script>alert(1)</script>";
    private const string Sql = "'; DROP TABLE signatures; --";

    public static TheoryData<string> RequiredFields => ["FirstName", "LastName", "Email", "PostalCode", "Country"];

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public async Task An_empty_required_field_brings_the_form_back_with_its_error(string field)
    {
        foreach (var empty in new[] { "", "   " })
        {
            await AssertFormAgainAsync(new SignatureForm().With(field, empty), field);
        }
    }

    [Fact]
    public async Task An_empty_form_brings_it_back_listing_every_missing_field()
    {
        var empty = new SignatureForm { FirstName = null, LastName = null, Email = null, PostalCode = null, Country = null };

        var page = await AssertFormAgainAsync(empty, "FirstName", "LastName", "Email", "Country");

        var summaryLinks = page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#Form_FirstName", "#Form_LastName", "#Form_Email", "#Form_Country"], summaryLinks);
    }

    public static TheoryData<string, string, string> OverLimits => new()
    {
        { "FirstName", new string('a', 101), "US" },
        { "LastName", new string('b', 101), "US" },
        { "PostalCode", "ABCDEFGHJKLMN", "GB" },
        { "PostalCode", "606011234567890", "US" },
        { "Comment", new string('c', 1001), "US" },
    };

    [Theory]
    [MemberData(nameof(OverLimits))]
    public async Task A_value_over_its_documented_limit_brings_the_form_back(string field, string value, string country)
    {
        await AssertFormAgainAsync(new SignatureForm { Country = country }.With(field, value), field);
    }

    public static TheoryData<string> MalformedEmails =>
    [
        "ada.example.org",
        "ada@lovelace@example.org",
        "ada lovelace@example.org",
        "ada@exa mple.org",
        "\"Ada\" <ada@example.org>",
        "Ada <ada@example.org>",
        "<ada@example.org>",
        "ada@example.org (Ada)",
        "ada@example",
        "ada@",
        "@example.org",
        "ada@.example.org",
        "ada@example..org",
        "ada@example.org.",
        "ada,grace@example.org",
        new string('a', 243) + "@example.org",
        new string('a', 300) + "@example.org",
    ];

    [Theory]
    [MemberData(nameof(MalformedEmails))]
    public async Task A_malformed_email_address_brings_the_form_back(string email)
    {
        await AssertFormAgainAsync(new SignatureForm { Email = email }, "Email");
    }

    public static TheoryData<string, string> ControlCharacters()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in SignatureForm.TextFields)
        {
            var multiline = field == "Comment";
            foreach (var control in multiline ? ["\0", "\u0007", "\u001b[31m", "\u0085"] : new[] { "\0", "\u0007", "\u001b[31m", "\t", "\n" })
            {
                data.Add(field, control);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public async Task A_control_character_in_any_field_is_refused(string field, string control)
    {
        var valid = new SignatureForm { Comment = "Counted once, I hope." };
        var typed = valid.With(field, valid[field]![..1] + control + valid[field]![1..]);

        if (control == "\0")
        {
            // The form parser itself refuses NUL, before any field is read: the whole request is bad.
            var before = await StoredAsync();
            using var signer = NewSigner();
            using var response = await signer.SignAsync(Demo, typed);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(before, await StoredAsync());
        }
        else
        {
            await AssertFormAgainAsync(typed, field);
        }
    }

    public static TheoryData<string, string> InvalidUtf8()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in SignatureForm.TextFields)
        {
            foreach (var kind in new[] { "raw-ff", "overlong", "surrogate", "truncated" })
            {
                data.Add(field, kind);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public async Task Invalid_utf8_in_the_form_body_is_refused(string field, string kind)
    {
        byte[] invalid = kind switch
        {
            "raw-ff" => [0xFF, 0xFE],
            "overlong" => [0xC0, 0xAF],
            "surrogate" => [0xED, 0xA0, 0x80],
            _ => [0xE2, 0x82],
        };
        using var signer = NewSigner();
        await signer.OpenAsync(Demo);
        var form = new SignatureForm { Comment = "Counted once." };
        var body = new MemoryStream();
        body.Write(Encoding.ASCII.GetBytes($"{Signer.TokenField}={Uri.EscapeDataString(signer.Token!)}"));
        foreach (var name in SignatureForm.TextFields)
        {
            body.Write(Encoding.ASCII.GetBytes($"&Form.{name}={Uri.EscapeDataString(form[name]![..2])}"));
            if (name == field)
            {
                body.Write(invalid);
            }
            body.Write(Encoding.ASCII.GetBytes(Uri.EscapeDataString(form[name]![2..])));
        }
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var before = await StoredAsync();

        using var response = await signer.PostAsync(Demo, content);

        await AssertRefusedAsync(response, field);
        Assert.Equal(before, await StoredAsync());
    }

    public static TheoryData<string, string> MarkupInRefusedFields()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in new[] { "FirstName", "LastName", "Email", "PostalCode", "Country" })
        {
            foreach (var markup in new[] { Script, "\"><script>alert(1)</script>", "<img src=x onerror=alert(1)>" })
            {
                data.Add(field, markup);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MarkupInRefusedFields))]
    public async Task Markup_in_a_name_email_postal_code_or_country_is_refused_and_shown_escaped(string field, string markup)
    {
        var valid = new SignatureForm();
        var typed = field is "Country" ? markup : valid[field] + markup;

        var page = await AssertFormAgainAsync(valid.With(field, typed), field);

        AssertNoLiveMarkup(page);
    }

    [Fact]
    public async Task Markup_in_a_comment_is_kept_as_text_in_the_form_and_never_runs()
    {
        var typed = "</textarea>" + Script + "<img src=x onerror=alert(1)>";

        var page = await AssertFormAgainAsync(new SignatureForm { FirstName = "", Comment = typed }, "FirstName");

        AssertNoLiveMarkup(page);
    }

    [Fact]
    public async Task Markup_in_a_comment_is_stored_as_typed_and_shown_nowhere_raw()
    {
        var comment = "I agree! " + Script + " <b>bold</b> & \"quoted\"";
        using var signer = NewSigner();

        using var response = await signer.SignAsync(Demo, new SignatureForm { Comment = comment, ShowNamePublicly = true });

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(1, await App.QueryAsync(db => db.Signatures.CountAsync(s => s.Comment == comment)));
        foreach (var path in new[] { $"/p/{Demo}", response.RedirectTarget()!, "/" })
        {
            AssertNoLiveMarkup(await GetPageAsync(path));
        }
    }

    public static TheoryData<string> SqlAcceptedFields => ["FirstName", "LastName", "Comment"];

    [Theory]
    [MemberData(nameof(SqlAcceptedFields))]
    public async Task SQL_in_a_name_or_comment_is_stored_exactly_as_typed_and_never_run(string field)
    {
        var form = new SignatureForm().With(field, Sql);
        var before = await StoredAsync();
        using var signer = NewSigner();

        using var response = await signer.SignAsync(Demo, form);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var stored = await App.QueryAsync(db => db.Signatures.SingleAsync(s => s.Email == form.Email));
        Assert.Equal(Sql, field switch { "FirstName" => stored.FirstName, "LastName" => stored.LastName, _ => stored.Comment });
        Assert.Equal(new StoredState(before.SignatureRows + 1, before.PetitionCount + 1), await StoredAsync());
    }

    public static TheoryData<string> SqlRefusedFields => ["Email", "PostalCode", "Country"];

    [Theory]
    [MemberData(nameof(SqlRefusedFields))]
    public async Task SQL_in_the_email_postal_code_or_country_brings_the_form_back(string field)
    {
        var valid = new SignatureForm();
        await AssertFormAgainAsync(valid.With(field, field == "Email" ? Sql + valid.Email : Sql), field);
    }

    public static TheoryData<string, string, string> RealNames => new()
    {
        { "Siobhán", "O'Brien", "o'brien.{0}@example.ie" },
        { "D'Angelo", "Russell-Hughes", "dangelo.{0}@example.org" },
        { "Ngũgĩ", "wa Thiong'o", "ngugi.{0}@example.org" },
        { "Nguyễn Thị", "Minh Khai", "minh.{0}@example.org" },
        { "José María", "Hernández López", "jose.{0}@example.org" },
        { "李", "小龍", "li.{0}@example.org" },
    };

    [Theory]
    [MemberData(nameof(RealNames))]
    public async Task Names_people_really_have_are_accepted_as_typed(string first, string last, string emailPattern)
    {
        var form = new SignatureForm { FirstName = first, LastName = last, Email = string.Format(emailPattern, Guid.NewGuid().ToString("N")) };
        using var signer = NewSigner();

        using var response = await signer.SignAsync(Demo, form);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"/p/{Demo}/thanks", response.RedirectTarget());
        var stored = await App.QueryAsync(db => db.Signatures.SingleAsync(s => s.Email == form.Email));
        Assert.Equal((first, last), (stored.FirstName, stored.LastName));
    }

    [Theory]
    [InlineData(2 * 1024 * 1024)]
    [InlineData(40 * 1024)]
    public async Task A_body_over_the_request_limit_gets_413(int bytes)
    {
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

    [Fact]
    public async Task A_post_without_the_antiforgery_token_gets_400()
    {
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

    [Fact]
    public async Task A_post_with_an_antiforgery_token_from_another_visitor_gets_400()
    {
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

    [Fact]
    public async Task JSON_posted_to_the_form_gets_a_4xx()
    {
        using var signer = NewSigner();
        await signer.OpenAsync(Demo);
        var json = System.Text.Json.JsonSerializer.Serialize(
            new SignatureForm().Fields().Prepend(new(Signer.TokenField, signer.Token!)).ToDictionary());
        var before = await StoredAsync();

        using var response = await signer.PostAsync(Demo, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task JSON_posted_to_the_form_with_the_token_in_a_header_gets_415()
    {
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

    [Fact]
    public async Task Too_many_form_fields_get_a_4xx()
    {
        using var signer = NewSigner();
        await signer.OpenAsync(Demo);
        var fields = new SignatureForm().Fields().Prepend(new(Signer.TokenField, signer.Token!))
            .Concat(Enumerable.Range(0, 5000).Select(i => new KeyValuePair<string, string>(ShortKey(i), "")));
        var before = await StoredAsync();

        using var response = await signer.PostAsync(Demo, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task A_form_key_longer_than_the_limit_gets_a_4xx()
    {
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

    /// <summary>
    /// Posts the form and checks that it came back (200) with an error beside each named field and no other,
    /// every typed value still in its input, and nothing stored changed.
    /// </summary>
    private async Task<IHtmlDocument> AssertFormAgainAsync(SignatureForm typed, params string[] fieldsInError)
    {
        var before = await StoredAsync();
        using var signer = NewSigner();

        using var response = await signer.SignAsync(Demo, typed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        var errors = page.QuerySelectorAll(".field-error").Select(e => e.Id).Order().ToList();
        Assert.Equal(fieldsInError.Select(f => $"Form_{f}-error").Order(), errors);
        foreach (var field in fieldsInError)
        {
            Assert.False(string.IsNullOrWhiteSpace(page.GetElementById($"Form_{field}-error")!.TextContent));
            var input = page.GetElementById($"Form_{field}")!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Contains($"Form_{field}-error", input.GetAttribute("aria-describedby") ?? "", StringComparison.Ordinal);
        }
        foreach (var field in SignatureForm.TextFields.Where(f => f != "Country"))
        {
            // Blank fields bind as empty, and control characters cannot survive a round trip through HTML;
            // everything else must come back exactly as typed.
            if (typed[field] is { } value && !value.Any(char.IsControl))
            {
                Assert.Equal(string.IsNullOrWhiteSpace(value) ? "" : value, ValueShown(page, field) ?? "");
            }
        }
        Assert.Equal(before, await StoredAsync());
        return page;
    }

    /// <summary>A 4xx, or the form again with the error beside the field.</summary>
    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var page = await response.ReadPageAsync();
            Assert.NotNull(page.GetElementById($"Form_{field}-error"));
        }
        else
        {
            Assert.InRange((int)response.StatusCode, 400, 499);
        }
    }

    private static string? ValueShown(IHtmlDocument page, string field)
    {
        var element = page.GetElementById($"Form_{field}")!;
        return element is IHtmlTextAreaElement textarea ? textarea.TextContent : element.GetAttribute("value");
    }

    /// <summary>Typed markup must reach the page as text: no script element, no event handler, no injected image.</summary>
    private static void AssertNoLiveMarkup(IHtmlDocument page)
    {
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Empty(page.QuerySelectorAll("img"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(Script, page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class BadInputTestsOnSqlite(SqliteApp fixture, ITestOutputHelper output)
    : BadInputTests(fixture, output), IClassFixture<SqliteApp>;

public sealed class BadInputTestsOnPostgres(PostgresApp fixture, ITestOutputHelper output)
    : BadInputTests(fixture, output), IClassFixture<PostgresApp>;
