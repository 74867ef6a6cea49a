using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// Field values the sign form refuses (missing, too long, malformed email addresses) and the real names it must accept.
/// </summary>
public sealed class BadInputFieldValueTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : BadInputTest<AppFixture>(apps, output)
{
    public static TheoryData<string> RequiredFields => ["FirstName", "LastName", "Email", "PostalCode", "Country"];

    [Theory, OnEachDatabase(Rows = nameof(RequiredFields))]
    public async Task An_empty_required_field_brings_the_form_back_with_its_error(DatabaseProvider provider, string field)
    {
        await UseAsync(provider);

        foreach (var empty in new[] { "", "   " })
        {
            await AssertFormAgainAsync(new SignatureForm().With(field, empty), field);
        }
    }

    [Theory, OnEachDatabase]
    public async Task An_empty_form_brings_it_back_listing_every_missing_field(DatabaseProvider provider)
    {
        await UseAsync(provider);

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

    [Theory, OnEachDatabase(Rows = nameof(OverLimits))]
    public async Task A_value_over_its_documented_limit_brings_the_form_back(DatabaseProvider provider, string field, string value, string country)
    {
        await UseAsync(provider);

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

    [Theory, OnEachDatabase(Rows = nameof(MalformedEmails))]
    public async Task A_malformed_email_address_brings_the_form_back(DatabaseProvider provider, string email)
    {
        await UseAsync(provider);

        await AssertFormAgainAsync(new SignatureForm { Email = email }, "Email");
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

    [Theory, OnEachDatabase(Rows = nameof(RealNames))]
    public async Task Names_people_really_have_are_accepted_as_typed(DatabaseProvider provider, string first, string last, string emailPattern)
    {
        await UseAsync(provider);

        var form = new SignatureForm { FirstName = first, LastName = last, Email = string.Format(emailPattern, Guid.NewGuid().ToString("N")) };
        using var signer = NewSigner();

        using var response = await signer.SignAsync(Demo, form);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"/p/{Demo}/thanks", response.RedirectTarget());
        var stored = await App.QueryAsync(db => db.Signatures.SingleAsync(s => s.Email == form.Email));
        Assert.Equal((first, last), (stored.FirstName, stored.LastName));
    }
}
