using Undersigned.Features.Signing;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// One canonical form per mailbox: what decides whether two signatures are the same person, and what is stored,
/// emailed and exported. Each row is a typed address and what it comes to.
/// </summary>
public sealed class EmailAddressesTests
{
    public static TheoryData<string, string> SameMailbox => new()
    {
        // Trimmed, and case folded in both parts.
        { "ada@example.org", "ada@example.org" },
        { "  ada@example.org\t", "ada@example.org" },
        { "ada@example.org\u00A0", "ada@example.org" },
        { "Ada.Lovelace@Example.ORG", "ada.lovelace@example.org" },
        { "ADA@EXAMPLE.ORG", "ada@example.org" },
        { "o'brien@example.ie", "o'brien@example.ie" },
        { "a.da+petitions@gmail.com", "a.da+petitions@gmail.com" },
        { "!#$%&'*+-/=?^_`{|}~@example.org", "!#$%&'*+-/=?^_`{|}~@example.org" },
        // A quoted string whose content is a dot-atom is that dot-atom (RFC 5321 4.1.2), with quoted pairs undone.
        { "\"dup\"@example.org", "dup@example.org" },
        { "\"d\\up\"@example.org", "dup@example.org" },
        { "\"\\d\\u\\p\"@example.org", "dup@example.org" },
        { "\"DUP\"@Example.org", "dup@example.org" },
        { "\"a.da\"@example.org", "a.da@example.org" },
        { "\"o'brien\"@example.ie", "o'brien@example.ie" },
        { "\"\\+tag\"@example.org", "+tag@example.org" },
        // International domains in their ASCII form, the form DNS and SMTP compare.
        { "ada@bücher.example", "ada@xn--bcher-kva.example" },
        { "ADA@BÜCHER.EXAMPLE", "ada@xn--bcher-kva.example" },
        { "ada@xn--bcher-kva.example", "ada@xn--bcher-kva.example" },
        { "ada@XN--BCHER-KVA.example", "ada@xn--bcher-kva.example" },
        { "ada@bu\u0308cher.example", "ada@xn--bcher-kva.example" },
        { "ada@例え.テスト", "ada@xn--r8jz45g.xn--zckzah" },
        { "ada@ｅｘａｍｐｌｅ.org", "ada@example.org" },
        { "ada@example\u3002org", "ada@example.org" },
        // International local parts (RFC 6531): composed to NFC and case folded, letters of every script kept.
        { "josé@example.org", "josé@example.org" },
        { "jose\u0301@example.org", "josé@example.org" },
        { "JOSÉ@example.org", "josé@example.org" },
        { "\"josé\"@example.org", "josé@example.org" },
        { "用户@例子.广告", "用户@xn--fsqu00a.xn--4rr70v" },
        { "अजय@डाटा.भारत", "अजय@xn--c2bd1gb.xn--h2brj9c" },
    };

    [Theory]
    [MemberData(nameof(SameMailbox))]
    public void A_typed_address_comes_to_the_canonical_form_of_its_mailbox(string typed, string canonical)
    {
        Assert.Equal(new EmailReading(canonical, null), EmailAddresses.Read(typed));
    }

    [Fact]
    public void Quoted_escaped_and_plain_forms_of_one_mailbox_are_one_address()
    {
        var forms = new[] { "dup@example.org", "\"dup\"@example.org", "\"d\\up\"@example.org", "DUP@example.org", " \"Dup\"@EXAMPLE.org " };

        Assert.Equal(["dup@example.org"], forms.Select(EmailAddresses.Normalize).Distinct());
    }

    [Fact]
    public void Gmail_dots_and_plus_tags_are_not_merged_because_elsewhere_they_are_different_people()
    {
        Assert.NotEqual(EmailAddresses.Normalize("ada@gmail.com"), EmailAddresses.Normalize("a.da@gmail.com"));
        Assert.NotEqual(EmailAddresses.Normalize("ada@gmail.com"), EmailAddresses.Normalize("ada+x@gmail.com"));
    }

    public static TheoryData<string> WithInvisibleCharacters =>
    [
        "ada@e.x\u200B.org", // zero-width space in the domain, which IDNA would silently drop
        "a\u200Bda@example.org", // zero-width space in the local part
        "ada\u200B@example.org",
        "\u200Bada@example.org",
        "ada@exa\u00ADmple.org", // soft hyphen, also dropped by IDNA
        "a\u00ADda@example.org",
        "\uFEFFada@example.org", // byte order mark
        "ada@example.org\uFEFF",
        "a\u200Cda@example.org", // zero-width non-joiner
        "a\u200Dda@example.org", // zero-width joiner
        "a\u2060da@example.org", // word joiner
        "\u202Egro.elpmaxe@ada", // right-to-left override
        "ada@\u202Eexample.org",
        "ada\u2066@example.org", // left-to-right isolate
        "ada\u200E@example.org", // left-to-right mark
        "ada\u200F@example.org", // right-to-left mark
        "ada\u061C@example.org", // Arabic letter mark
        "ada\U000E0041@example.org", // a tag character
        "a\u3164da@example.org", // Hangul filler, a letter drawn as nothing
        "a\u034Fda@example.org", // combining grapheme joiner
        "ada\uFE0F@example.org", // variation selector
        "\"a\u200Bda\"@example.org",
    ];

    [Theory]
    [MemberData(nameof(WithInvisibleCharacters))]
    public void An_address_with_an_invisible_character_is_refused_as_such(string typed)
    {
        Assert.Equal(new EmailReading(null, EmailAddresses.Invisible), EmailAddresses.Read(typed));
    }

    public static TheoryData<string> NeedingQuotes =>
    [
        "\"ada lovelace\"@example.org",
        "\"ada@lovelace\"@example.org",
        "\"ada,grace\"@example.org",
        "\"a..da\"@example.org",
        "\".ada\"@example.org",
        "\"ada.\"@example.org",
        "\"\"@example.org",
        "\"a\\\"da\"@example.org",
        "\"a\\\\da\"@example.org",
        "\"a(da)\"@example.org",
        "\"a\"da\"@example.org",
        "\"ada\\\"@example.org",
        "a\"da\"@example.org",
        "\"ada\".king@example.org",
        "d\\up@example.org",
        "\"Ada\" <ada@example.org>",
    ];

    [Theory]
    [MemberData(nameof(NeedingQuotes))]
    public void An_address_that_needs_quotes_or_backslashes_is_refused_as_such(string typed)
    {
        Assert.Equal(new EmailReading(null, EmailAddresses.NeedsQuotes), EmailAddresses.Read(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void A_blank_address_is_missing(string? typed)
    {
        Assert.Equal(new EmailReading(null, EmailAddresses.Missing), EmailAddresses.Read(typed));
    }

    [Theory]
    [InlineData("ada.example.org")]
    [InlineData("ada\uFF20example.org")] // fullwidth @
    [InlineData("ada\uFE6Bexample.org")] // small @
    [InlineData("ada@lovelace@example.org")]
    [InlineData("ada\uFF20x@example.org")]
    [InlineData("ada lovelace@example.org")]
    [InlineData("ada@exa mple.org")]
    [InlineData("ada\u3000@example.org")] // ideographic space
    [InlineData("Ada <ada@example.org>")]
    [InlineData("<ada@example.org>")]
    [InlineData("ada@example.org (Ada)")]
    [InlineData("ada(comment)@example.org")]
    [InlineData("ada@example")]
    [InlineData("ada@")]
    [InlineData("@example.org")]
    [InlineData("ada@.example.org")]
    [InlineData("ada@example..org")]
    [InlineData("ada@example.org.")] // trailing dot: the DNS root, which RFC 5321 has no place for
    [InlineData("ada.@example.org")]
    [InlineData(".ada@example.org")]
    [InlineData("a..da@example.org")]
    [InlineData("ada,grace@example.org")]
    [InlineData("ada;grace@example.org")]
    [InlineData("ada@exam_ple.org")]
    [InlineData("ada@-example.org")]
    [InlineData("ada@example-.org")]
    [InlineData("ada@xn--zz.example")]
    [InlineData("ada@[127.0.0.1]")]
    [InlineData("ada@127.0.0.1")]
    [InlineData("ada@example.org;bcc@example.org")]
    [InlineData("ada\0@example.org")]
    [InlineData("ada\n@example.org")]
    [InlineData("ada@example.org\u0007")]
    [InlineData("ada\uFFFD@example.org")]
    [InlineData("ada\uD800@example.org")]
    [InlineData("ada\u2764@example.org")] // a symbol, not a letter
    [InlineData("ada\u2024@example.org")] // one dot leader, a lookalike of the full stop
    public void Anything_that_is_not_one_plain_address_is_refused(string typed)
    {
        Assert.Equal(new EmailReading(null, EmailAddresses.Malformed), EmailAddresses.Read(typed));
    }

    [Fact]
    public void Addresses_up_to_254_characters_are_accepted_and_longer_ones_refused()
    {
        var domain = $"{new string('b', 63)}.{new string('c', 63)}.{new string('d', 57)}.org";
        var longest = $"{new string('a', 64)}@{domain}";
        Assert.Equal(254, longest.Length);

        Assert.Equal(longest, EmailAddresses.Normalize(longest));
        Assert.Null(EmailAddresses.Normalize("a" + longest));
        Assert.Null(EmailAddresses.Normalize($"{new string('a', 65)}@example.org"));
    }

    [Fact]
    public void The_limits_apply_to_the_canonical_form_that_is_stored()
    {
        // Twelve Devanagari letters are 36 octets, under RFC 5321's 64; twenty-four are over, though short in characters.
        var local = "अजयअजयअजयअजय";
        Assert.NotNull(EmailAddresses.Normalize($"{local}@example.org"));
        Assert.Null(EmailAddresses.Normalize($"{local}{local}@example.org"));

        // A Unicode domain of 133 characters whose ASCII form, the one stored, is 271.
        var label = new string(Enumerable.Range(0, 20).Select(i => (char)(0x4E00 + (i * 7))).ToArray());
        var typed = $"ada@{string.Join('.', Enumerable.Repeat(label, 6))}.org";
        Assert.True(typed.Length < 254);
        Assert.Null(EmailAddresses.Normalize(typed));
    }
}
