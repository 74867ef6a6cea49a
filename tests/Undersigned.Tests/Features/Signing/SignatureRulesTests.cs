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
        Assert.Equal(new ValidSignature("Ada Augusta", "King-Noel", "ada.king@example.org",
            "SW1A 1AA", "GB", "First line\nsecond line\tindented", ShowNamePublicly: true, WantsUpdates: false), signature);
        // The address written to is the one compared, character for character.
        Assert.Equal(signature.NormalizedEmail, signature.Email);
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
    [InlineData("\u202EadA", "Names can't contain characters that change the direction of text")] // right-to-left override
    [InlineData("Ada\u202D", "Names can't contain characters that change the direction of text")] // left-to-right override
    [InlineData("Ada\u202B", "Names can't contain characters that change the direction of text")] // right-to-left embedding
    [InlineData("Ada\u2066", "Names can't contain characters that change the direction of text")] // left-to-right isolate
    [InlineData("Ada\u2069", "Names can't contain characters that change the direction of text")] // pop directional isolate
    [InlineData("Ada\u200E", "Names can't contain characters that change the direction of text")] // left-to-right mark
    [InlineData("\u200Fعلي", "Names can't contain characters that change the direction of text")] // right-to-left mark
    [InlineData("علي\u061C", "Names can't contain characters that change the direction of text")] // Arabic letter mark
    [InlineData("A\u200Bda", "Names can't contain invisible characters")] // zero-width space
    [InlineData("A\u00ADda", "Names can't contain invisible characters")] // soft hyphen
    [InlineData("\uFEFFAda", "Names can't contain invisible characters")] // byte order mark
    [InlineData("Ada\u2060", "Names can't contain invisible characters")] // word joiner
    [InlineData("Ada\U000E0041", "Names can't contain invisible characters")] // a tag character, which hides text
    [InlineData("\u3164", "Names can't contain invisible characters")] // Hangul filler: a name drawn as nothing
    [InlineData("\u200D", "Enter your first name")] // a joiner alone is no name
    public void Names_with_invisible_or_direction_characters_are_refused_with_a_clear_error(string name, string error)
    {
        var form = Valid();
        form.FirstName = name;

        var (signature, errors) = SignatureRules.Validate(form);

        Assert.Null(signature);
        Assert.Equal(new Dictionary<string, string> { ["FirstName"] = error }, errors);
    }

    [Theory]
    [InlineData("علی\u200Cرضا")] // Persian: the zero-width non-joiner is part of the spelling
    [InlineData("ශ\u0DCA\u200Dරී")] // Sinhala: the zero-width joiner forms the conjunct
    [InlineData("Ada \U0001F469\u200D\U0001F4BB")] // an emoji sequence joined by ZWJ
    [InlineData("Ada \u2764\uFE0F")] // an emoji with its variation selector
    public void Names_keep_the_joiners_that_scripts_and_emoji_need(string name)
    {
        var form = Valid();
        form.FirstName = name;

        var (signature, errors) = SignatureRules.Validate(form);

        Assert.Empty(errors);
        Assert.Equal(name, signature?.FirstName);
    }

    [Fact]
    public void Names_are_composed_to_NFC_before_they_are_stored()
    {
        var form = Valid();
        form.FirstName = "Jose\u0301";
        form.LastName = "Nguye\u0302\u0303n";

        var (signature, _) = SignatureRules.Validate(form);

        Assert.Equal(("Jos\u00E9", "Nguy\u1EC5n"), (signature?.FirstName, signature?.LastName));
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
    [InlineData("Read this \u202Eevila\u202C please")]
    [InlineData("\u2067שלום\u2069 to all")]
    public void A_comment_with_a_direction_override_or_isolate_is_refused_with_a_clear_error(string comment)
    {
        var form = Valid();
        form.Comment = comment;

        var (signature, errors) = SignatureRules.Validate(form);

        Assert.Null(signature);
        Assert.Equal("Your comment can't contain characters that change the direction of text", errors["Comment"]);
    }

    [Fact]
    public void A_comment_that_mixes_scripts_keeps_its_direction_marks_and_is_composed_to_NFC()
    {
        var form = Valid();
        form.Comment = "Shalom שלום\u200F, cafe\u0301 for all";

        var (signature, errors) = SignatureRules.Validate(form);

        Assert.Empty(errors);
        Assert.Equal("Shalom שלום\u200F, caf\u00E9 for all", signature?.Comment);
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

    [Theory]
    [InlineData("ada@e.x\u200B.org", EmailAddresses.Invisible)]
    [InlineData("\"ada lovelace\"@example.org", EmailAddresses.NeedsQuotes)]
    [InlineData("", EmailAddresses.Missing)]
    public void An_email_the_rules_refuse_is_refused_with_the_reason(string email, string error)
    {
        var form = Valid();
        form.Email = email;

        var (signature, errors) = SignatureRules.Validate(form);

        Assert.Null(signature);
        Assert.Equal(new Dictionary<string, string> { ["Email"] = error }, errors);
    }

    [Fact]
    public void A_quoted_address_is_stored_in_its_plain_form()
    {
        var form = Valid();
        form.Email = "\"D\\up\"@Example.ORG";

        var (signature, _) = SignatureRules.Validate(form);

        Assert.Equal(("dup@example.org", "dup@example.org"), (signature?.Email, signature?.NormalizedEmail));
    }
}
