using Undersigned.Browser.Tests.Hosting;
using Undersigned.Browser.Tests.Pages;
using Undersigned.Browser.Tests.Pages.Staff;
using Undersigned.Data;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Undersigned.Browser.Tests.Delivery;

public sealed class DeliveryJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task An_admin_marks_a_petition_delivered_and_its_page_shows_the_date_and_note() => WithPageAsync(async page =>
    {
        var (slug, title) = await App.AddOpenAsync();
        await LoginPage.LogInAsync(page, await App.CreateAsync(StaffRoles.Admin));
        const string Note = "Handed to the City Librarian at the council meeting.";

        await (await PetitionList.OpenAsync(page)).FollowAsync(title, "Delivery");
        var delivery = new DeliveryPage(page);
        await delivery.MarkDeliveredAsync(Note, emailTarget: true);
        await Expect(delivery.Notice).ToContainTextAsync($"An email with a link to the package is on its way to librarian.{slug}@city.example.org");

        var petition = await PetitionPage.OpenAsync(page, slug);
        await Expect(petition.Delivered.Locator("h2")).ToContainTextAsync("Delivered on ");
        await Expect(petition.Delivered.Locator(".delivery-note")).ToHaveTextAsync(Note);
        await Expect((await PetitionList.OpenAsync(page)).StatusOf(title)).ToHaveTextAsync("Delivered");
    });
}
