using Microsoft.Playwright;
using Undersigned.Browser.Tests.Hosting;
using Undersigned.Browser.Tests.Pages;
using Undersigned.Browser.Tests.Pages.Staff;
using Undersigned.Data;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Undersigned.Browser.Tests.Admin;

/// <summary>An organizer's petition from first draft to closing, through the admin pages, logged in at /login.</summary>
public sealed class PetitionJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task An_organizer_writes_previews_and_publishes_a_petition_and_finds_it_on_the_front_page() => WithPageAsync(async page =>
    {
        await LogInAsOrganizerAsync(page);
        var draft = PetitionDraft.New();

        var editor = await new PetitionList(page).NewPetitionAsync();
        await editor.FillAsync(draft);
        await editor.PreviewAsync();
        Assert.Equal("Why", await editor.Preview.Locator("h2").InnerTextAsync());
        Assert.Equal("dark", await editor.Preview.Locator("strong").InnerTextAsync());
        await editor.SaveAsync();
        await Expect(editor.Status).ToHaveTextAsync("Draft");
        await Expect((await HomePage.OpenAsync(page)).Petition(draft.Title)).ToHaveCountAsync(0);

        var list = await PetitionList.OpenAsync(page);
        await Expect(list.StatusOf(draft.Title)).ToHaveTextAsync("Draft");
        editor = await list.EditAsync(draft.Title);
        await editor.PublishAsync();

        await (await HomePage.OpenAsync(page)).Petition(draft.Title).ClickAsync();
        await page.WaitForURLAsync($"**/p/{draft.Slug}");
        var petition = new PetitionPage(page, draft.Slug);
        await Expect(petition.Heading).ToHaveTextAsync(draft.Title);
        await Expect(petition.SubmitButton).ToBeVisibleAsync();
        await Expect((await PetitionList.OpenAsync(page)).StatusOf(draft.Title)).ToHaveTextAsync("Open");
    });

    [Fact]
    public Task An_organizer_edits_a_published_petition_and_closes_it_to_new_signatures() => WithPageAsync(async page =>
    {
        await LogInAsOrganizerAsync(page);
        var draft = PetitionDraft.New();
        var editor = await new PetitionList(page).NewPetitionAsync();
        await editor.FillAsync(draft);
        await editor.SaveAsync();
        await editor.PublishAsync();

        var retitled = draft.Title + " and in winter";
        await editor.Title.FillAsync(retitled);
        await editor.SaveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(retitled);
        await editor.FollowAsync("Public page");
        await Expect(new PetitionPage(page, draft.Slug).Heading).ToHaveTextAsync(retitled);

        await (await PetitionList.OpenAsync(page)).EditAsync(retitled);
        await editor.CloseAsync();
        await editor.FollowAsync("Public page");
        var petition = new PetitionPage(page, draft.Slug);
        await Expect(petition.ClosedNotice).ToBeVisibleAsync();
        await Expect(petition.SubmitButton).ToHaveCountAsync(0);
        await Expect((await HomePage.OpenAsync(page)).Petition(retitled)).ToHaveCountAsync(0);
        await Expect((await PetitionList.OpenAsync(page)).StatusOf(retitled)).ToHaveTextAsync("Closed");
    });

    private async Task LogInAsOrganizerAsync(IPage page)
    {
        await LoginPage.LogInAsync(page, await App.CreateAsync(StaffRoles.Organizer, StaffAccounts.Lead));
        await page.WaitForURLAsync("**/admin");
    }
}
