using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// Markup and SQL typed into the sign form: refused where the field cannot hold it, otherwise stored as typed,
/// and never run.
/// </summary>
public sealed class BadInputInjectionTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : BadInputTest<AppFixture>(apps, output)
{
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

    [Theory, OnEachDatabase(Rows = nameof(MarkupInRefusedFields))]
    public async Task Markup_in_a_name_email_postal_code_or_country_is_refused_and_shown_escaped(DatabaseProvider provider, string field, string markup)
    {
        await UseAsync(provider);

        var valid = new SignatureForm();
        var typed = field is "Country" ? markup : valid[field] + markup;

        var page = await AssertFormAgainAsync(valid.With(field, typed), field);

        AssertNoLiveMarkup(page);
    }

    [Theory, OnEachDatabase]
    public async Task Markup_in_a_comment_is_kept_as_text_in_the_form_and_never_runs(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var typed = "</textarea>" + Script + "<img src=x onerror=alert(1)>";

        var page = await AssertFormAgainAsync(new SignatureForm { FirstName = "", Comment = typed }, "FirstName");

        AssertNoLiveMarkup(page);
    }

    [Theory, OnEachDatabase]
    public async Task Markup_in_a_comment_is_stored_as_typed_and_shown_nowhere_raw(DatabaseProvider provider)
    {
        await UseAsync(provider);

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

    [Theory, OnEachDatabase(Rows = nameof(SqlAcceptedFields))]
    public async Task SQL_in_a_name_or_comment_is_stored_exactly_as_typed_and_never_run(DatabaseProvider provider, string field)
    {
        await UseAsync(provider);

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

    [Theory, OnEachDatabase(Rows = nameof(SqlRefusedFields))]
    public async Task SQL_in_the_email_postal_code_or_country_brings_the_form_back(DatabaseProvider provider, string field)
    {
        await UseAsync(provider);

        var valid = new SignatureForm();
        await AssertFormAgainAsync(valid.With(field, field == "Email" ? Sql + valid.Email : Sql), field);
    }
}
