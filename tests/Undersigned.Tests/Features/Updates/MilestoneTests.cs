using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;
using Undersigned.Features.Updates;
using Undersigned.Storage;
using Undersigned.Tests.Email;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Updates;

/// <summary>Milestones: set by organizers, fired once when the count gets there, however many try at once.</summary>
public sealed class MilestoneTests(PerDatabase<MilestoneMailApp> apps, ITestOutputHelper output)
    : IntegrationTest<MilestoneMailApp>(apps, output)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    [Theory, OnEachDatabase]
    public async Task A_milestone_fires_once_when_many_callers_race_and_only_the_leads_organizers_are_emailed(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (id, slug) = await App.QueryAsync(UpdateSetup.NewPetitionAsync);
        var organizers = await AddStaffAsync();
        var milestone = await AddMilestoneAsync(id, 1_000, count: 1_000);

        // Each caller has its own scope, so its own DbContext and connection, as separate instances would.
        using var start = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            var firing = scope.ServiceProvider.GetRequiredService<MilestoneFiring>();
            start.Wait();
            return await firing.FireDueAsync(CancellationToken.None);
        })).ToList();
        start.Set();
        var fired = await Task.WhenAll(callers);

        Assert.Equal(1, fired.Sum());
        Assert.NotNull(await App.QueryAsync(db => db.Milestones.Where(m => m.Id == milestone).Select(m => m.ReachedAt).SingleAsync()));
        // One email per organizer of the lead: these two, and any that earlier tests of this class made.
        var leadOrganizers = await App.QueryAsync(db => db.Users.CountAsync(u => u.Organization!.Slug == UpdateSetup.Lead
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == StaffRoles.Organizer))));
        Assert.InRange(leadOrganizers, 2, int.MaxValue);
        Assert.Equal(leadOrganizers, await App.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == MilestoneFiring.Kind && m.SubjectId == milestone)));
        await Fixture.Sink.WaitUntilAsync(s => organizers.Lead.All(e => s.To(e).Any()), MailWait, "the milestone emails");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.All(organizers.Lead, e => Assert.Single(Fixture.Sink.To(e)));
        Assert.All(organizers.Others, e => Assert.Empty(Fixture.Sink.To(e)));
        Assert.Contains("1,000", Fixture.Sink.To(organizers.Lead[0]).Single().Subject, StringComparison.Ordinal);
        var page = await GetPageAsync($"/p/{slug}");
        Assert.Equal(["1,000 signatures reached"], page.QuerySelectorAll(".milestone-badge").Select(b => b.TextContent));
    }

    [Theory, OnEachDatabase]
    public async Task A_milestone_waits_for_the_count_and_another_instances_watcher_fires_it(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (id, slug) = await App.QueryAsync(UpdateSetup.NewPetitionAsync);
        var organizers = await AddStaffAsync();
        var milestone = await AddMilestoneAsync(id, 500, count: 499);
        await using var scope = App.Services.CreateAsyncScope();
        var firing = scope.ServiceProvider.GetRequiredService<MilestoneFiring>();
        Assert.False(await firing.FireAsync(milestone, CancellationToken.None));
        Assert.Empty((await GetPageAsync($"/p/{slug}")).QuerySelectorAll(".milestone-badge"));

        // A second instance on the same database, whose watcher polls often.
        var settings = MailAppFixture.SettingsFor(Fixture.Sink);
        settings["Milestones:PollInterval"] = "00:00:00.200";
        // Stopped at the end of this test, so its watcher cannot fire another test's milestone in this class.
        await using var other = Fixture.CreateApp(Fixture.Database, settings: settings).Start();
        await App.QueryAsync(db => db.Petitions.Where(p => p.Id == id).ExecuteUpdateAsync(p => p.SetProperty(x => x.SignatureCount, 500)));

        await Fixture.Sink.WaitUntilAsync(s => organizers.Lead.All(e => s.To(e).Any()), MailWait, "the milestone emails");
        Assert.False(await firing.FireAsync(milestone, CancellationToken.None)); // fired once, by the other instance
        Assert.Single((await GetPageAsync($"/p/{slug}")).QuerySelectorAll(".milestone-badge"));
    }

    [Theory, OnEachDatabase]
    public async Task Organizers_set_milestones_and_bad_lists_come_back_with_an_error_and_change_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (id, slug) = await App.QueryAsync(UpdateSetup.NewPetitionAsync);
        var path = $"/admin/petitions/{slug}/milestones";
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, UpdateSetup.Lead);
        using var partner = await StaffMember.LogInAsync(App, StaffRoles.Partner, UpdateSetup.Lead);
        using var forbidden = await partner.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        using var saved = await (await organizer.FormAsync(path, "Save milestones")).Set("Upcoming", "1,000, 10,000\n5000").SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var refused = await (await organizer.FormAsync(path, "Save milestones")).Set("Upcoming", "1,000, lots").SubmitAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.ReadPageAsync();
        Assert.Contains("lots", page.QuerySelector("#Upcoming-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1,000, lots", page.QuerySelector("textarea#Upcoming")!.TextContent.Trim());

        var stored = await App.QueryAsync(db => db.Milestones.Where(m => m.PetitionId == id).OrderBy(m => m.Count).Select(m => m.Count).ToListAsync());
        Assert.Equal([1_000, 5_000, 10_000], stored);
    }

    private sealed record Staff(List<string> Lead, List<string> Others);

    /// <summary>Two organizers of the lead, and staff who must not hear of its milestones: another organization's organizer, an admin, a partner.</summary>
    private async Task<Staff> AddStaffAsync()
    {
        var staff = new Staff([], []);
        foreach (var (role, org, list) in new[]
        {
            (StaffRoles.Organizer, UpdateSetup.Lead, staff.Lead), (StaffRoles.Organizer, UpdateSetup.Lead, staff.Lead),
            (StaffRoles.Organizer, "daily-kos", staff.Others), (StaffRoles.Admin, (string?)null, staff.Others),
            (StaffRoles.Partner, UpdateSetup.Lead, staff.Others),
        })
        {
            var email = $"{role}.{Guid.NewGuid():N}@staff.example.org";
            await StaffMember.CreateAsync(App, email, role, org);
            list.Add(email);
        }
        return staff;
    }

    private Task<int> AddMilestoneAsync(int petitionId, int milestone, int count) => App.QueryAsync(async db =>
    {
        await db.Petitions.Where(p => p.Id == petitionId).ExecuteUpdateAsync(p => p.SetProperty(x => x.SignatureCount, count));
        var row = new Milestone { PetitionId = petitionId, Count = milestone };
        db.Milestones.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    });
}

/// <summary>The mail app with its milestone watcher asleep, so that a test decides when milestones are fired.</summary>
public class MilestoneMailApp : MailAppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(SettingsFor(Sink)) { ["Milestones:PollInterval"] = "01:00:00" };
}
