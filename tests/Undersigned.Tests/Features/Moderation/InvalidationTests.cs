using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;
using Undersigned.Features.Moderation;
using Undersigned.Features.Signing;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Moderation;

/// <summary>Invalidation by criteria: a dry run first, then batches in the background that can be cancelled, with exact counts.</summary>
public sealed class InvalidationTests(PerDatabase<ModerationApp> apps, ITestOutputHelper output) : ModerationTest(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task A_dry_run_shows_what_matches_and_changes_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        await AddSignaturesAsync(id, 5, SignatureStatus.Counted, "fraud.example.net", firstName: "Bot");
        await AddSignaturesAsync(id, 3, SignatureStatus.Counted);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        var before = await RowsAsync(id);

        var page = await organizer.GetPageAsync($"/admin/petitions/{slug}/invalidate?EmailDomain=fraud.example.net&NamePattern=bot*");

        Assert.Equal("5", page.QuerySelector("[data-figure=matched]")!.TextContent);
        Assert.Equal(5, page.QuerySelectorAll(".dry-run-sample tbody tr").Length);
        Assert.Equal("fraud.example.net", page.QuerySelector("input#EmailDomain")!.GetAttribute("value"));
        Assert.Equal(before, await RowsAsync(id));
        Assert.Equal(new Tallies(8, 0, 0), await ExactTalliesAsync(id));
        Assert.False(await App.QueryAsync(db => db.InvalidationJobs.AnyAsync(j => j.PetitionId == id)));
    }

    [Theory, OnEachDatabase]
    public async Task A_fraud_wave_is_invalidated_in_batches_exactly_even_while_signers_confirm(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync(CountingPolicy.OnConfirmation);
        var wave = await AddSignaturesAsync(id, 20, SignatureStatus.Pending, "fraud.example.net");
        var real = await AddSignaturesAsync(id, 6, SignatureStatus.Pending);
        var tokens = await TokensAsync(wave.Concat(real));
        await AddSignaturesAsync(id, 180, SignatureStatus.Counted); // so the wave is under an organizer's share
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);

        var job = await StartAsync(organizer, slug, "EmailDomain=fraud.example.net", "Disposable addresses");

        // The batches (two signatures each) and the confirmations of every signer race each other.
        var confirming = Task.WhenAll(tokens.Select(t => Task.Run(async () =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ConfirmSignature>().RunAsync(id, t, CancellationToken.None);
        })));
        var steps = await RunAsync(job);
        await confirming;

        Assert.True(steps >= 10, $"{steps} batches");
        Assert.Equal(new Tallies(186, 0, 20), await ExactTalliesAsync(id));
        var statuses = await App.QueryAsync(db => db.Signatures.Where(s => wave.Contains(s.Id)).Select(s => s.Status).Distinct().ToListAsync());
        Assert.Equal([SignatureStatus.Invalidated], statuses);
        var entry = Assert.Single(await LogAsync(id));
        Assert.Equal((ModerationAction.Invalidated, 20, "email domain fraud.example.net", "Disposable addresses"),
            (entry.Action, entry.Count, entry.Criteria, entry.Reason));
        var shown = await organizer.GetPageAsync($"/admin/petitions/{slug}/invalidate");
        Assert.Equal("Done", shown.QuerySelector($"tr[data-job='{job}']")!.GetAttribute("data-state"));
    }

    [Theory, OnEachDatabase]
    public async Task Cancelling_halfway_keeps_what_was_done_and_stops_the_rest(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        await AddSignaturesAsync(id, 6, SignatureStatus.Counted, "fraud.example.net");
        await AddSignaturesAsync(id, 60, SignatureStatus.Counted);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        var job = await StartAsync(organizer, slug, "EmailDomain=fraud.example.net", "Disposable addresses");

        Assert.True(await StepAsync(job));
        using (var cancel = await (await organizer.FormAsync($"/admin/petitions/{slug}/invalidate", $"Cancel job {job}")).SubmitAsync())
        {
            Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        }
        Assert.False(await StepAsync(job));
        Assert.False(await StepAsync(job));

        Assert.Equal(new Tallies(64, 0, 2), await ExactTalliesAsync(id));
        var stored = await App.QueryAsync(db => db.InvalidationJobs.AsNoTracking().SingleAsync(j => j.Id == job));
        Assert.Equal((InvalidationState.Cancelled, 2, organizer.Email), (stored.State, stored.Invalidated, stored.CancelledBy));
        var entry = Assert.Single(await LogAsync(id));
        Assert.Equal((ModerationAction.InvalidationCancelled, 2), (entry.Action, entry.Count));
    }

    [Theory, OnEachDatabase]
    public async Task More_than_a_tenth_of_a_petition_needs_an_admin(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        await AddSignaturesAsync(id, 3, SignatureStatus.Counted, "fraud.example.net");
        await AddSignaturesAsync(id, 7, SignatureStatus.Counted);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        var dryRun = $"/admin/petitions/{slug}/invalidate?EmailDomain=fraud.example.net";

        using (var refused = await (await organizer.FormAsync(dryRun, "Invalidate 3 signatures")).Set("reason", "Disposable").SubmitAsync())
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("ask an admin", (await refused.ReadPageAsync()).QuerySelector("#reason-error")!.TextContent);
        }
        Assert.False(await App.QueryAsync(db => db.InvalidationJobs.AnyAsync(j => j.PetitionId == id)));

        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        var job = await StartAsync(admin, slug, "EmailDomain=fraud.example.net", "Disposable");
        await RunAsync(job);
        Assert.Equal(new Tallies(7, 0, 3), await ExactTalliesAsync(id));
    }

    [Theory, OnEachDatabase]
    public async Task Bad_criteria_come_back_beside_their_fields_and_nothing_starts(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        await AddSignaturesAsync(id, 3, SignatureStatus.Counted, "fraud.example.net");
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        var page = $"/admin/petitions/{slug}/invalidate";

        var hostile = new Dictionary<string, string>
        {
            ["EmailDomain"] = "someone@fraud.example.net",
            ["Country"] = "ZZ",
            ["SignedFrom"] = "yesterday-ish",
            ["NamePattern"] = "bad\u0001name",
            ["Status"] = "Withdrawn",
            ["Partner"] = "no-such-organization",
        };
        {
            var client = organizer.Http;
            var query = string.Join("&", hostile.Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value)}"));
            using var answer = await client.GetAsync($"{page}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            var shown = await answer.ReadPageAsync();
            foreach (var field in hostile.Keys)
            {
                Assert.True(shown.QuerySelector($"#{field}-error") is not null, $"no error beside {field}");
            }
            Assert.Equal("yesterday-ish", shown.QuerySelector("input#SignedFrom")!.GetAttribute("value"));
            Assert.Null(shown.QuerySelector("[data-figure=matched]"));
        }

        // The start form sent with its criteria emptied, or without a reason.
        var start = await organizer.FormAsync($"{page}?EmailDomain=fraud.example.net", "Invalidate 3 signatures");
        using (var noReason = await start.SubmitAsync())
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.NotNull((await noReason.ReadPageAsync()).QuerySelector("#reason-error"));
        }
        using (var everything = await start.Set("reason", "All of it").Set("EmailDomain", "").SubmitAsync())
        {
            Assert.Equal(HttpStatusCode.BadRequest, everything.StatusCode);
            Assert.Contains("at least one criterion", (await everything.ReadPageAsync()).QuerySelector("#EmailDomain-error")!.TextContent);
        }
        Assert.False(await App.QueryAsync(db => db.InvalidationJobs.AnyAsync(j => j.PetitionId == id)));
        Assert.Equal(new Tallies(3, 0, 0), await ExactTalliesAsync(id));
    }

    [Theory, OnEachDatabase]
    public async Task Another_organizations_organizer_is_refused_every_moderation_page_and_action(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        await AddSignaturesAsync(id, 2, SignatureStatus.Held, "nat.example.net", burst: "bother0001", reason: HoldReason.Address);
        using var outsider = await StaffMember.LogInAsync(App, StaffRoles.Organizer, OtherOrganization);
        using var lead = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        const string tokenPage = "/account/password";

        foreach (var path in new[] { "review", "review?kind=Burst&key=bother0001", "invalidate", "invalidate?EmailDomain=nat.example.net", "moderation-log" })
        {
            using var get = await outsider.Http.GetAsync($"/admin/petitions/{slug}/{path}");
            Assert.True(get.StatusCode == HttpStatusCode.Forbidden, $"GET {path}: {(int)get.StatusCode}");
        }
        var posts = new (string Url, Dictionary<string, string> Fields)[]
        {
            ($"/admin/petitions/{slug}/review", new() { ["kind"] = "Burst", ["key"] = "bother0001", ["upTo"] = "999999999", ["decision"] = "approve", ["reason"] = "x" }),
            ($"/admin/petitions/{slug}/invalidate?handler=Start", new() { ["EmailDomain"] = "nat.example.net", ["reason"] = "x" }),
            ($"/admin/petitions/{slug}/invalidate?handler=Cancel", new() { ["job"] = "1" }),
        };
        foreach (var (url, fields) in posts)
        {
            using var post = await outsider.PostWithTokenBorrowedFromAsync(tokenPage, url, fields);
            Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"POST {url}: {(int)post.StatusCode}");
        }
        // The log is for admins, even the lead's organizers read it no further than the review queue.
        using (var log = await lead.Http.GetAsync($"/admin/petitions/{slug}/moderation-log"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, log.StatusCode);
        }
        Assert.Equal(new Tallies(0, 2, 0), await ExactTalliesAsync(id));
        Assert.False(await App.QueryAsync(db => db.InvalidationJobs.AnyAsync(j => j.PetitionId == id)));
    }

    private Task<List<(long, SignatureStatus)>> RowsAsync(int petitionId) => App.QueryAsync(async db =>
        (await db.Signatures.Where(s => s.PetitionId == petitionId).OrderBy(s => s.Id).Select(s => new { s.Id, s.Status }).ToListAsync())
        .Select(r => (r.Id, r.Status)).ToList());
}
