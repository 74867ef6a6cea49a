using Microsoft.Playwright;
using Undersigned.Browser.Tests.Hosting;
using Undersigned.Browser.Tests.Pages;
using Undersigned.Browser.Tests.Pages.Staff;
using Undersigned.Data;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Undersigned.Browser.Tests.Moderation;

/// <summary>
/// Staff keep the count honest from the admin pages: a held campus burst approved, a fraud wave dry-run and
/// invalidated, a paper batch imported and undone. Each ends on the public count a visitor sees.
/// </summary>
public sealed class ModerationJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task An_organizer_approves_a_held_campus_burst_and_the_petition_counts_it_once() => WithPageAsync(async page =>
    {
        var (slug, title) = await App.AddOpenAsync();
        await App.AddSignaturesAsync(slug, 3, SignatureStatus.Counted);
        await App.AddSignaturesAsync(slug, 25, SignatureStatus.Held, "students.example.edu", burst: "bcampus0001", firstName: "Rosa");
        Assert.Equal(3, await (await PetitionPage.OpenAsync(page, slug)).CountAsync());
        await Expect(page.Locator(".progress .held")).ToHaveTextAsync("25 awaiting review");
        await LoginPage.LogInAsync(page, await App.CreateAsync(StaffRoles.Organizer, StaffAccounts.Lead));

        var list = await PetitionList.OpenAsync(page);
        await Expect(list.Row(title).Locator(".admin-list-held")).ToHaveTextAsync("25 held for review");
        await list.FollowAsync(title, "Review");
        var review = new ReviewPage(page);
        var burst = review.Group("Burst bcampus0001");
        await Expect(burst.Locator("[data-figure=size]")).ToHaveTextAsync("25");
        await Expect(burst.Locator(".review-sample li").First).ToContainTextAsync("Rosa Signer");
        await Expect(burst).Not.ToContainTextAsync("@students.example.edu"); // emails are for admins only
        await review.DecideAsync("Burst bcampus0001", "Approve all 25", "Students signing together on the campus network at the teach-in.");

        await Expect(review.Notice).ToHaveTextAsync("Approved 25 signatures; they now count.");
        await Expect(review.Counted).ToHaveTextAsync("28");
        await Expect(review.Held).ToHaveTextAsync("0");
        await Expect(page.GetByText("Nothing to review: no signature is held or flagged.")).ToBeVisibleAsync();
        Assert.Equal(28, await (await PetitionPage.OpenAsync(page, slug)).CountAsync());
        await Expect(page.Locator(".progress .held")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task An_admin_dry_runs_a_fraud_wave_invalidates_it_and_the_count_drops_exactly() => WithPageAsync(async page =>
    {
        var (slug, title) = await App.AddOpenAsync();
        await App.AddSignaturesAsync(slug, 20, SignatureStatus.Counted);
        await App.AddSignaturesAsync(slug, 30, SignatureStatus.Counted, "throwaway.example.net", firstName: "Promo");
        await LoginPage.LogInAsync(page, await App.CreateAsync(StaffRoles.Admin));

        await (await PetitionList.OpenAsync(page)).FollowAsync(title, "Review");
        var invalidate = await new ReviewPage(page).OpenInvalidationAsync();
        await invalidate.DryRunAsync(("Email domain", "throwaway.example.net"));
        await Expect(invalidate.Matched).ToHaveTextAsync("30");
        await Expect(invalidate.Sample.First).ToContainTextAsync("Promo Signer");
        await Expect(invalidate.Sample.First).ToContainTextAsync("@throwaway.example.net"); // an admin sees the addresses
        Assert.Equal(50, await (await PetitionPage.OpenAsync(page, slug)).CountAsync()); // the dry run changed nothing
        await page.GoBackAsync();

        await invalidate.StartAsync("Thirty sign-ups from a disposable-email service within two minutes.");
        await invalidate.WaitUntilDoneAsync();
        await Expect(invalidate.Jobs.First.Locator("[data-figure=invalidated]")).ToContainTextAsync("30 of 30");

        Assert.Equal(20, await (await PetitionPage.OpenAsync(page, slug)).CountAsync());
        await page.GotoAsync($"/admin/petitions/{slug}/review");
        await page.GetByRole(AriaRole.Link, new() { Name = "Moderation log" }).ClickAsync();
        var entry = page.Locator("table.moderation-log tbody tr").First;
        await Expect(entry).ToContainTextAsync("email domain throwaway.example.net");
        await Expect(entry.Locator(".number")).ToHaveTextAsync("30");
        await Expect(entry).ToContainTextAsync("disposable-email service");
    });

    [Fact]
    public Task An_organizer_imports_a_paper_batch_and_undoes_it_and_the_count_comes_back_exactly() => WithPageAsync(async page =>
    {
        var (slug, title) = await App.AddOpenAsync();
        await App.AddSignaturesAsync(slug, 4, SignatureStatus.Counted);
        const string sheet = """
            first_name,last_name,postal_code,country,email,may_email
            Fannie Lou,Hamer,38751,US,fannie@example.org,yes
            Bayard,Rustin,10027,US,,
            Ella,Baker,60601,US,fannie@example.org,
            """;
        await LoginPage.LogInAsync(page, await App.CreateAsync(StaffRoles.Organizer, StaffAccounts.Lead));

        await (await PetitionList.OpenAsync(page)).FollowAsync(title, "Paper");
        var paper = new PaperPages(page);
        await paper.UploadAsync("Rally at City Hall, May 3", sheet);
        await Expect(paper.Figure("rows")).ToHaveTextAsync("3");
        await Expect(paper.Figure("errors")).ToHaveTextAsync("0");
        await Expect(paper.Figure("repeats")).ToHaveTextAsync("1");
        await Expect(paper.Figure("to-import")).ToHaveTextAsync("2");
        Assert.Equal(4, await (await PetitionPage.OpenAsync(page, slug)).CountAsync()); // checking imports nothing
        await page.GoBackAsync();

        await paper.ImportAsync(2);
        await Expect(paper.Figure("imported")).ToHaveTextAsync("2");
        Assert.Equal(6, await (await PetitionPage.OpenAsync(page, slug)).CountAsync());
        await page.GoBackAsync();

        await paper.UndoAsync("The sheets were signed for another petition.");
        await Expect(page.Locator("[data-state=undone]")).ToBeVisibleAsync();
        await paper.OpenAllBatchesAsync();
        await Expect(paper.Batches.First).ToContainTextAsync("Undone");
        Assert.Equal(4, await (await PetitionPage.OpenAsync(page, slug)).CountAsync());
    });
}
