using Undersigned.Features.Signing;

namespace Undersigned.Tests.Features.Signing;

/// <summary>One normalized form per mailbox: what decides whether two signatures are the same person.</summary>
public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("ada@example.org", "ada@example.org")]
    [InlineData("  ada@example.org\t", "ada@example.org")]
    [InlineData("Ada.Lovelace@Example.ORG", "ada.lovelace@example.org")]
    [InlineData("ADA@EXAMPLE.ORG", "ada@example.org")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie")]
    public void Addresses_are_trimmed_and_case_folded(string typed, string normalized)
    {
        Assert.Equal(normalized, EmailAddresses.Normalize(typed));
    }

    [Theory]
    [InlineData("ada@bücher.example", "ada@xn--bcher-kva.example")]
    [InlineData("ADA@BÜCHER.EXAMPLE", "ada@xn--bcher-kva.example")]
    [InlineData("ada@xn--bcher-kva.example", "ada@xn--bcher-kva.example")]
    [InlineData("ada@例え.テスト", "ada@xn--r8jz45g.xn--zckzah")]
    public void International_domains_are_written_in_their_ASCII_form(string typed, string normalized)
    {
        Assert.Equal(normalized, EmailAddresses.Normalize(typed));
    }

    [Fact]
    public void Gmail_dots_and_plus_tags_are_not_merged_because_elsewhere_they_are_different_people()
    {
        Assert.Equal("a.da+petitions@gmail.com", EmailAddresses.Normalize("A.Da+Petitions@Gmail.com"));
        Assert.NotEqual(EmailAddresses.Normalize("ada@gmail.com"), EmailAddresses.Normalize("a.da@gmail.com"));
        Assert.NotEqual(EmailAddresses.Normalize("ada@gmail.com"), EmailAddresses.Normalize("ada+x@gmail.com"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ada.example.org")]
    [InlineData("ada@lovelace@example.org")]
    [InlineData("ada lovelace@example.org")]
    [InlineData("ada@exa mple.org")]
    [InlineData("\"Ada\" <ada@example.org>")]
    [InlineData("Ada <ada@example.org>")]
    [InlineData("<ada@example.org>")]
    [InlineData("ada@example.org (Ada)")]
    [InlineData("ada@example")]
    [InlineData("ada@")]
    [InlineData("@example.org")]
    [InlineData("ada@.example.org")]
    [InlineData("ada@example..org")]
    [InlineData("ada@example.org.")]
    [InlineData("ada,grace@example.org")]
    [InlineData("ada@exam_ple.org")]
    [InlineData("ada@-example.org")]
    [InlineData("ada@example-.org")]
    [InlineData("ada@[127.0.0.1]")]
    [InlineData("ada@example.org;bcc@example.org")]
    [InlineData("ada\0@example.org")]
    [InlineData("ada\n@example.org")]
    [InlineData("ada@example.org\u0007")]
    public void Anything_that_is_not_one_plain_address_is_refused(string? typed)
    {
        Assert.Null(EmailAddresses.Normalize(typed));
    }

    [Fact]
    public void Addresses_up_to_254_characters_are_accepted_and_longer_ones_refused()
    {
        var domain = $"{new string('b', 63)}.{new string('c', 63)}.{new string('d', 57)}.org";
        var longest = $"{new string('a', 64)}@{domain}";
        Assert.Equal(254, longest.Length);

        Assert.Equal(longest, EmailAddresses.Normalize(longest));
        Assert.Null(EmailAddresses.Normalize("a" + longest));
    }
}
