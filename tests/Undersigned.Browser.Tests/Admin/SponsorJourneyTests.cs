using SkiaSharp;
using Undersigned.Browser.Tests.Hosting;
using Undersigned.Browser.Tests.Pages;
using Undersigned.Browser.Tests.Pages.Staff;
using Undersigned.Data;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Undersigned.Browser.Tests.Admin;

/// <summary>An admin brings a new organization into a petition's coalition, logo and all.</summary>
public sealed class SponsorJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task An_admin_creates_an_organization_with_a_logo_and_the_petition_shows_it_as_a_sponsor() => WithPageAsync(async page =>
    {
        var (slug, title) = await App.AddOpenAsync();
        await LoginPage.LogInAsync(page, await App.CreateAsync(StaffRoles.Admin));
        var orgSlug = $"friends-{Guid.NewGuid():N}"[..16];
        var name = $"Friends of Branch {orgSlug[^4..]}";

        var organization = await OrganizationEditor.OpenNewAsync(page);
        await organization.FillAsync(name, orgSlug, "https://friends.example.org", "Volunteers who keep the branches open.");
        await organization.ChooseLogoAsync("logo.png", Logo(), "image/png");
        await organization.CreateAsync();
        await Expect(organization.LogoPreview).ToBeVisibleAsync();
        Assert.True(await organization.LogoPreview.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "The stored logo does not load.");

        await (await PetitionList.OpenAsync(page)).FollowAsync(title, "Sponsors");
        var sponsors = new SponsorsPage(page);
        await sponsors.AddPartnerAsync(name);
        await Expect(sponsors.Partners).ToHaveTextAsync([name]);

        var petition = await PetitionPage.OpenAsync(page, slug);
        var listed = petition.Partners.Filter(new() { HasText = name });
        await Expect(listed).ToHaveCountAsync(1);
        var logo = listed.Locator("img");
        await Expect(logo).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex($"^/organizations/{orgSlug}/logo\\?v="));
        Assert.True(await logo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "The sponsor's logo does not load on the petition page.");
    });

    /// <summary>A small PNG, as an organization's designer would export it.</summary>
    private static byte[] Logo()
    {
        using var bitmap = new SKBitmap(120, 60);
        bitmap.Erase(SKColors.SeaGreen);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
