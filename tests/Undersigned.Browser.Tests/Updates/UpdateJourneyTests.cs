using Undersigned.Browser.Tests.Hosting;
using Undersigned.Browser.Tests.Pages;
using Undersigned.Browser.Tests.Pages.Staff;
using Undersigned.Data;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Undersigned.Browser.Tests.Updates;

public sealed class UpdateJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task An_admin_posts_an_update_and_it_is_on_the_petition_page() => WithPageAsync(async page =>
    {
        var (slug, title) = await App.AddOpenAsync();
        await LoginPage.LogInAsync(page, await App.CreateAsync(StaffRoles.Admin));

        await (await PetitionList.OpenAsync(page)).FollowAsync(title, "Updates");
        var updates = new UpdatesPage(page);
        await updates.PostAsync("We met the city council", "The council heard **you**.");

        await Expect(updates.Posted).ToHaveCountAsync(1);
        await Expect(updates.Posted.First).ToContainTextAsync("We met the city council");
        var petition = await updates.OpenPetitionAsync(slug);
        await Expect(petition.UpdateTitles).ToHaveTextAsync(["We met the city council"]);
        await Expect(page.Locator(".updates .update-body strong")).ToHaveTextAsync("you");
    });
}
