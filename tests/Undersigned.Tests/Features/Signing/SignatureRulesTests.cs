using Undersigned.Features.Signing;

namespace Undersigned.Tests.Features.Signing;

/// <summary>The rules a sign form must pass, without a database or a web server.</summary>
public sealed class SignatureRulesTests
{
    private static SignForm Valid() => new()
    {
        FirstName = "Ada",
        LastName = "Lovelace",
        Email = "ada@example.org",
        PostalCode = "60601",
        Country = "US",
    };

    [Fact]
    public void A_valid_form_is_cleaned_into_the_stored_signature()
    {
        var form = new SignForm
        {
            FirstName = "  Ada   Augusta ",
            LastName = " King-Noel ",
            Email = "  Ada.King@Example.ORG ",
            PostalCode = " sw1a 1aa ",
            Country = "gb",
            Comment = "  First line\r\nsecond line\tindented  ",
            ShowNamePublicly = true,
            WantsUpdates = false,
        };

        var (signature, errors) = SignatureRules.Validate(form);

        Assert.Empty(errors);
        Assert.NotNull(signature);
        Assert.Equal(new ValidSignature("Ada Augusta", "King-Noel", "Ada.King@Example.ORG", "ada.king@example.org",
            "SW1A 1AA", "GB", "First line\nsecond line\tindented", ShowNamePublicly: true, WantsUpdates: false), signature);
    }

    [Fact]
    public void An_empty_form_names_every_required_field()
    {
        var (signature, errors) = SignatureRules.Validate(new SignForm());

        Assert.Null(signature);
        Assert.Equal(["Country", "Email", "FirstName", "LastName"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("FirstName", 100, true)]
    [InlineData("FirstName", 101, false)]
    [InlineData("LastName", 100, true)]
    [InlineData("LastName", 101, false)]
    [InlineData("Comment", 1000, true)]
    [InlineData("Comment", 1001, false)]
    public void Lengths_are_limited_as_documented(string field, int length, bool accepted)
    {
        var form = Valid();
        var text = new string('x', length);
        _ = field switch
        {
            "FirstName" => form.FirstName = text,
            "LastName" => form.LastName = text,
            _ => form.Comment = text,
        };

        var (signature, errors) = SignatureRules.Validate(form);

        Assert.Equal(accepted, signature is not null);
        Assert.Equal(accepted ? [] : [field], errors.Keys);
    }

    [Theory]
    [InlineData("GB", "ABCDEFGHJKLM", true)]
    [InlineData("GB", "ABCDEFGHJKLMN", false)]
    [InlineData("DE", null, true)]
    [InlineData("DE", "10117", true)]
    [InlineData("NL", "1012 JS", true)]
    [InlineData("CA", "K1A-0B1", true)]
    [InlineData("FR", "-75001", false)]
    [InlineData("FR", "75001!", false)]
    [InlineData("US", "60601", true)]
    [InlineData("US", "60601-1234", true)]
    [InlineData("US", null, false)]
    [InlineData("US", "6060", false)]
    [InlineData("US", "606011", false)]
    [InlineData("US", "ABCDE", false)]
    public void Postal_codes_are_required_in_the_US_and_checked_everywhere(string country, string? postalCode, bool accepted)
    {
        var form = Valid();
        form.Country = country;
        form.PostalCode = postalCode;

        var (signature, errors) = SignatureRules.Validate(form);

        Assert.Equal(accepted, signature is not null);
        Assert.Equal(accepted ? [] : ["PostalCode"], errors.Keys);
        if (signature is not null)
        {
            Assert.Equal(postalCode, signature.PostalCode);
        }
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("USA")]
    [InlineData("")]
    [InlineData("U S")]
    [InlineData("U\tS")]
    [InlineData("US\n")]
    [InlineData("<script>")]
    public void An_unknown_country_is_refused(string country)
    {
        var form = Valid();
        form.Country = country;
        form.PostalCode = null;

        var (signature, errors) = SignatureRules.Validate(form);

        Assert.Null(signature);
        Assert.Equal(["Country"], errors.Keys);
    }

    [Theory]
    [InlineData("O'Brien")]
    [InlineData("Ngũgĩ wa Thiong'o")]
    [InlineData("José-María")]
    [InlineData("李小龍")]
    [InlineData("'; DROP TABLE signatures; --")]
    public void Names_are_kept_as_typed(string name)
    {
        var form = Valid();
        form.LastName = name;

        var (signature, _) = SignatureRules.Validate(form);

        Assert.Equal(name, signature?.LastName);
    }

    [Fact]
    public void Names_are_composed_to_one_form_so_the_same_name_is_stored_the_same_way()
    {
        var form = Valid();
        form.FirstName = "Zoe\u0308"; // e + combining diaeresis

        var (signature, _) = SignatureRules.Validate(form);

        Assert.Equal("Zo\u00EB", signature?.FirstName);
    }

    [Theory]
    [InlineData("Ada\0")]
    [InlineData("Ada\u0007")]
    [InlineData("Ada\tKing")]
    [InlineData("Ada\nKing")]
    [InlineData("\u202EadA")]
    [InlineData("Ada\u2066")]
    [InlineData("Ada\uFFFD")]
    [InlineData("Ada\uD800")]
    [InlineData("<b>Ada</b>")]
    [InlineData("Ada>")]
    public void Names_with_characters_no_one_types_are_refused(string name)
    {
        var form = Valid();
        form.FirstName = name;

        var (signature, errors) = SignatureRules.Validate(form);

        Assert.Null(signature);
        Assert.Equal(["FirstName"], errors.Keys);
    }

    [Theory]
    [InlineData("Line one\nline two", true)]
    [InlineData("<script>alert(1)</script>", true)]
    [InlineData("Tab\there", true)]
    [InlineData("Nul\0here", false)]
    [InlineData("Bell\u0007here", false)]
    [InlineData("\u202Eoverride", false)]
    public void Comments_may_hold_line_breaks_and_markup_but_no_control_characters(string comment, bool accepted)
    {
        var form = Valid();
        form.Comment = comment;

        var (signature, errors) = SignatureRules.Validate(form);

        Assert.Equal(accepted ? comment : null, signature?.Comment);
        Assert.Equal(accepted ? [] : ["Comment"], errors.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_blank_comment_is_stored_as_none(string? comment)
    {
        var form = Valid();
        form.Comment = comment;

        var (signature, _) = SignatureRules.Validate(form);

        Assert.NotNull(signature);
        Assert.Null(signature.Comment);
    }

    [Fact]
    public void A_malformed_email_is_refused_with_its_own_message()
    {
        var form = Valid();
        form.Email = "ada at example.org";

        var (signature, errors) = SignatureRules.Validate(form);

        Assert.Null(signature);
        Assert.Equal("Enter an email address like name@example.com", Assert.Single(errors).Value);
    }
}
