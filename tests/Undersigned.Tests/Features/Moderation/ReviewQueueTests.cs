using System.Net;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Moderation;

/// <summary>The review queue: held signatures grouped by why they were held, approved or rejected by the lead's organizers.</summary>
public sealed class ReviewQueueTests(PerDatabase<ModerationApp> apps, ITestOutputHelper output) : ModerationTest(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task A_held_campus_burst_is_approved_with_a_reason_and_then_counts_once(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        await AddSignaturesAsync(id, 2, SignatureStatus.Counted);
        await AddSignaturesAsync(id, 4, SignatureStatus.Held, "campus.example.edu", burst: "bcampus001", reason: HoldReason.Address, firstName: "Grace");
        await AddSignaturesAsync(id, 3, SignatureStatus.Held, "wave.example.net", reason: HoldReason.Domain, burst: "bwave00001");
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        var page = $"/admin/petitions/{slug}/review";
        var burst = "section[data-group='Burst:bcampus001'] form";

        var queue = await organizer.GetPageAsync(page);
        var group = queue.QuerySelector("section[data-group='Burst:bcampus001']")!;
        Assert.Equal("4", group.QuerySelector("[data-figure=size]")!.TextContent);
        Assert.Contains("Grace Signer 0", group.TextContent);
        Assert.DoesNotContain("@campus.example.edu", queue.Body!.TextContent); // addresses are for admins only
        Assert.NotNull(queue.QuerySelector("section[data-group='Domain:wave.example.net']"));

        // No reason: the form again with the error beside the field, and nothing changed.
        using (var noReason = await (await organizer.FormAsync(page, "Approve all 4", burst)).SubmitAsync())
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.NotNull((await noReason.ReadPageAsync()).QuerySelector("#reason-Burst-bcampus001-error"));
        }
        Assert.Equal(new Tallies(2, 7, 0), await ExactTalliesAsync(id));

        using (var approved = await (await organizer.FormAsync(page, "Approve all 4", burst)).Set("reason", "Students at a campus event").SubmitAsync())
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }
        Assert.Equal(new Tallies(6, 3, 0), await ExactTalliesAsync(id));
        Assert.Equal(6, await ApiCountAsync(slug));
        var entry = Assert.Single(await LogAsync(id));
        Assert.Equal((ModerationAction.Approved, 4, organizer.Email, "Students at a campus event"), (entry.Action, entry.Count, entry.StaffEmail, entry.Reason));
        Assert.Null((await organizer.GetPageAsync(page)).QuerySelector("section[data-group='Burst:bcampus001']"));

        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        Assert.Contains("@wave.example.net", (await admin.GetPageAsync(page)).Body!.TextContent);
    }

    [Theory, OnEachDatabase]
    public async Task Two_staff_deciding_one_group_at_once_change_it_once(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        await AddSignaturesAsync(id, 30, SignatureStatus.Held, "nat.example.net", burst: "brace00001", reason: HoldReason.Address);
        await AddSignaturesAsync(id, 20, SignatureStatus.Held, "nat.example.net", burst: "brace00002", reason: HoldReason.Address);
        using var first = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        using var second = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        var page = $"/admin/petitions/{slug}/review";

        // Both opened the queue before either decided: both approve the first burst; one approves, one rejects the second.
        await BothAsync((await first.FormAsync(page, "Approve all 30", "section[data-group='Burst:brace00001'] form")).Set("reason", "Carrier NAT"),
            (await second.FormAsync(page, "Approve all 30", "section[data-group='Burst:brace00001'] form")).Set("reason", "Carrier NAT"));
        Assert.Equal(new Tallies(30, 20, 0), await ExactTalliesAsync(id));
        Assert.Equal(30, Assert.Single(await LogAsync(id)).Count);

        await BothAsync((await first.FormAsync(page, "Approve all 20", "section[data-group='Burst:brace00002'] form")).Set("reason", "Carrier NAT"),
            (await second.FormAsync(page, "Reject all 20", "section[data-group='Burst:brace00002'] form")).Set("reason", "Scripted"));
        var tallies = await ExactTalliesAsync(id);
        Assert.True(tallies == new Tallies(50, 0, 0) || tallies == new Tallies(30, 0, 20), $"{tallies}");
        Assert.Equal([30, 20], (await LogAsync(id)).Select(e => e.Count));
        Assert.Equal(tallies.Counted, await ApiCountAsync(slug));

        static async Task BothAsync(PageForm a, PageForm b)
        {
            var answers = await Task.WhenAll(a.SubmitAsync(), b.SubmitAsync());
            Assert.All(answers, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
            Array.ForEach(answers, r => r.Dispose());
        }
    }

    [Theory, OnEachDatabase]
    public async Task One_signature_is_rejected_alone_and_a_flagged_one_is_kept_or_rejected(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        var held = await AddSignaturesAsync(id, 3, SignatureStatus.Held, "nat.example.net", burst: "bsingle001", reason: HoldReason.Address);
        await AddSignaturesAsync(id, 2, SignatureStatus.Counted, flags: "too-fast", firstName: "Quick");
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        var page = $"/admin/petitions/{slug}/review";

        var oneByOne = $"{page}?kind=Burst&key=bsingle001";
        using (var rejected = await (await organizer.FormAsync(oneByOne, "Reject Ada Signer 1")).Set("reason", "Duplicate person").SubmitAsync())
        {
            Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        }
        Assert.Equal(new Tallies(2, 2, 1), await ExactTalliesAsync(id));
        var status = await App.QueryAsync(db => Task.FromResult(db.Signatures.Single(s => s.Id == held[1]).Status));
        Assert.Equal(SignatureStatus.Invalidated, status);

        // Flagged as too fast: counted already; rejecting them uncounts them.
        using (var tooFast = await (await organizer.FormAsync(page, "Reject all 2", "section[data-group='TooFast:'] form"))
                   .Set("reason", "Script").SubmitAsync())
        {
            Assert.Equal(HttpStatusCode.Redirect, tooFast.StatusCode);
        }
        Assert.Equal(new Tallies(0, 2, 3), await ExactTalliesAsync(id));
        Assert.Equal(0, await ApiCountAsync(slug));
        Assert.Equal([ModerationAction.Rejected, ModerationAction.Rejected], (await LogAsync(id)).Select(e => e.Action));
    }

    [Theory, OnEachDatabase]
    public async Task Hidden_fields_edited_in_the_page_change_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        await AddSignaturesAsync(id, 3, SignatureStatus.Held, "nat.example.net", burst: "bforged001", reason: HoldReason.Address);
        var other = await AddPetitionAsync();
        var elsewhere = await AddSignaturesAsync(other.Id, 2, SignatureStatus.Held, "x.example.net", burst: "bforged002", reason: HoldReason.Address);
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        var page = $"/admin/petitions/{slug}/review";
        var form = "section[data-group='Burst:bforged001'] form";

        foreach (var (field, value) in new[] { ("kind", "Everything"), ("upTo", "a lot"), ("kind", "") })
        {
            using var forged = await (await organizer.FormAsync(page, "Approve all 3", form)).Set("reason", "x").Set(field, value).SubmitAsync();
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        // Another petition's burst and signature through this petition's page: nothing of it moves.
        using (var across = await (await organizer.FormAsync(page, "Approve all 3", form)).Set("reason", "x")
                   .Set("key", "bforged002").Set("upTo", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)).SubmitAsync())
        {
            Assert.Equal(HttpStatusCode.Redirect, across.StatusCode);
        }
        Assert.Equal(new Tallies(0, 3, 0), await ExactTalliesAsync(id));
        Assert.Equal(new Tallies(0, 2, 0), await ExactTalliesAsync(other.Id));
        Assert.Empty(await LogAsync(id));
    }
}
