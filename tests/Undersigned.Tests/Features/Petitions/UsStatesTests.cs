using Undersigned.Features.Petitions;

namespace Undersigned.Tests.Features.Petitions;

public sealed class UsStatesTests
{
    [Theory]
    [InlineData("60601", "IL")]
    [InlineData("10001", "NY")]
    [InlineData("94110", "CA")]
    [InlineData("02134", "MA")]
    [InlineData("20500", "DC")]
    [InlineData("99501", "AK")]
    [InlineData("00901", "PR")]
    [InlineData("73301", "TX")]
    public void A_zip_code_gives_its_state(string zip, string state) => Assert.Equal(state, UsStates.OfZip(zip));

    [Theory]
    [InlineData("00001")]
    [InlineData("ab123")]
    [InlineData("12")]
    [InlineData(null)]
    public void A_zip_code_of_no_known_prefix_gives_no_state(string? zip) => Assert.Null(UsStates.OfZip(zip));
}
