using Undersigned.Features.Petitions;

namespace Undersigned.Tests.Features.Petitions;

/// <summary>The area shown beside a public signer's name is coarse enough that it never points at a street.</summary>
public sealed class PostalAreasTests
{
    [Theory]
    [InlineData("60601", "US", "606xx")]
    [InlineData("60601-1234", "US", "606xx")]
    [InlineData("SW1A 1AA", "GB", "SW1A")]
    [InlineData("EH1 1YZ", "GB", "EH1")]
    [InlineData("K1A 0B1", "CA", "K1A")]
    [InlineData("K1A0B1", "CA", "K1A")]
    public void The_area_is_the_coarse_part_of_the_postal_code(string postalCode, string country, string area)
    {
        Assert.Equal(area, PostalAreas.Of(postalCode, country));
    }

    [Theory]
    [InlineData("SW1A1AA", "GB")] // without its space the outward half cannot be told apart
    [InlineData("75001", "FR")]
    [InlineData("10117", "DE")]
    [InlineData("1234", "US")]
    [InlineData("K1", "CA")]
    [InlineData(null, "US")]
    [InlineData(null, "GB")]
    public void Elsewhere_nothing_finer_than_the_country_is_shown(string? postalCode, string country)
    {
        Assert.Null(PostalAreas.Of(postalCode, country));
    }
}
