using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;
using Undersigned.Features.Manage;
using Undersigned.Features.OpenData;
using Undersigned.Features.Privacy;
using Undersigned.Features.Signing;
using Undersigned.Tests.Features.Moderation;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.OpenData;

/// <summary>
/// The open-data counters (counted signatures by country, US state and hour) are kept with every change of the
/// count, so they equal a recount from the rows whatever happens at once; drift made on purpose is reported, and
/// fixed only when asked.
/// </summary>
public sealed class CounterTests(PerDatabase<ModerationApp> apps, ITestOutputHelper output) : ModerationTest(apps, output)
{
    private static readonly (string Country, string PostalCode)[] Places =
        [("US", "60601"), ("US", "10027"), ("US", "94110"), ("CA", "M5V 2T6"), ("US", "00000")];

    [Theory, OnEachDatabase]
    public async Task Signing_confirming_withdrawing_and_invalidating_at_once_leave_the_counters_equal_to_a_recount(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        var fraud = await AddSignaturesAsync(id, 8, SignatureStatus.Counted, "fraud.example.net");
        var leaving = await AddSignaturesAsync(id, 6, SignatureStatus.Counted);
        var pending = await AddSignaturesAsync(id, 10, SignatureStatus.Pending);
        var tokens = await TokensAsync(pending.Concat(await AddSignaturesAsync(id, 4, SignatureStatus.Pending, "fraud.example.net")));
        await AddSignaturesAsync(id, 200, SignatureStatus.Counted); // so the wave is under an organizer's share
        // The rows above were written straight to the table, past the counters: the recount finds them and fixes them.
        var seeded = await RecountAsync(fix: true, slug);
        Assert.Contains(seeded, d => d is { Kind: CounterKind.Country, Key: "US", Stored: 0, Recounted: 214 });
        Assert.Empty(await RecountAsync(fix: false, slug));
        using var organizer = await StaffMember.LogInAsync(App, StaffRoles.Organizer, Lead);
        var job = await StartAsync(organizer, slug, "EmailDomain=fraud.example.net", "Disposable addresses");

        var signing = Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var (country, postalCode) = Places[i % Places.Length];
            using var signer = new Signer(App);
            using var signed = await signer.SignAsync(slug, new SignatureForm { Country = country, PostalCode = postalCode });
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        })));
        var confirming = Task.WhenAll(tokens.Select(t => Task.Run(async () =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ConfirmSignature>().RunAsync(id, t, CancellationToken.None);
        })));
        var withdrawing = Task.WhenAll(leaving.Select(s => Task.Run(async () =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            var signature = await scope.ServiceProvider.GetRequiredService<UndersignedDb>().Signatures.SingleAsync(x => x.Id == s);
            Assert.True(await scope.ServiceProvider.GetRequiredService<SignatureChoices>().WithdrawAsync(signature, "en", _ => "Stop sharing", CancellationToken.None));
        })));
        while (await StepAsync(job))
        {
            await Task.Yield();
        }
        await Task.WhenAll(signing, confirming, withdrawing);

        Assert.Empty(await RecountAsync(fix: false, slug));
        var tallies = await ExactTalliesAsync(id);
        Assert.Equal(200 + 10 + 40, tallies.Counted); // the fraud wave, confirmed or not, is out; the six who left are out
        var counters = await CountersAsync(id);
        Assert.Equal(tallies.Counted, counters.Where(c => c.Kind == CounterKind.Country).Sum(c => c.Count));
        Assert.Equal(tallies.Counted, counters.Where(c => c.Kind == CounterKind.Hour).Sum(c => c.Count));
        Assert.Equal(8, Count(counters, CounterKind.Country, "CA"));
        Assert.Equal(8, Count(counters, CounterKind.State, "NY"));
        Assert.Equal(8, Count(counters, CounterKind.State, "CA"));
        Assert.Equal(200 + 10 + 8, Count(counters, CounterKind.State, "IL"));
        Assert.DoesNotContain(counters, c => c.Kind == CounterKind.State && c.Count != 0 && c.Key is not ("IL" or "NY" or "CA"));
    }

    [Theory, OnEachDatabase]
    public async Task Drift_made_on_purpose_is_reported_and_changed_only_when_asked(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        await SignFromAsync(slug, Places);
        Assert.Empty(await RecountAsync(fix: false, slug));
        await App.QueryAsync(async db =>
        {
            await db.SignatureCounters.Where(c => c.PetitionId == id && c.Kind == CounterKind.Country && c.Key == "US")
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.Count, x => x.Count + 5));
            return await db.SignatureCounters.Where(c => c.PetitionId == id && c.Kind == CounterKind.State && c.Key == "NY").ExecuteDeleteAsync();
        });

        var reported = await RecountAsync(fix: false, slug);
        Assert.Equal([(CounterKind.Country, "US", 9, 4), (CounterKind.State, "NY", 0, 1)],
            reported.Select(d => (d.Kind, d.Key, d.Stored, d.Recounted)));
        Assert.Equal(reported, await RecountAsync(fix: false, slug)); // reporting changed nothing

        Assert.Equal(reported, await RecountAsync(fix: true, slug));
        Assert.Empty(await RecountAsync(fix: false, slug));
        Assert.Equal(4, Count(await CountersAsync(id), CounterKind.Country, "US"));
    }

    [Theory, OnEachDatabase]
    public async Task Anonymizing_a_petition_keeps_its_counters(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (slug, id) = await AddPetitionAsync();
        await SignFromAsync(slug, Places);
        var before = await CountersAsync(id);
        Assert.Equal(5, before.Where(c => c.Kind == CounterKind.Country).Sum(c => c.Count));

        await App.QueryAsync(db => db.Petitions.Where(p => p.Id == id).ExecuteUpdateAsync(p => p
            .SetProperty(x => x.Status, PetitionStatus.Closed).SetProperty(x => x.ClosedAt, DateTime.UtcNow)));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var petition = await scope.ServiceProvider.GetRequiredService<UndersignedDb>().Petitions.AsNoTracking().SingleAsync(p => p.Id == id);
            Assert.Equal(5, await scope.ServiceProvider.GetRequiredService<PetitionAnonymizer>().AnonymizeAsync(petition, CancellationToken.None));
        }

        Assert.Equal(before, await CountersAsync(id));
        Assert.Empty(await RecountAsync(fix: false, slug));
    }

    private async Task<IReadOnlyList<CounterDrift>> RecountAsync(bool fix, string slug)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CounterRecount>().RunAsync(fix, CancellationToken.None, slug);
    }

    private sealed record Counter(CounterKind Kind, string Key, int Count);

    private async Task<List<Counter>> CountersAsync(int petitionId) => (await App.QueryAsync(db =>
        db.SignatureCounters.AsNoTracking().Where(c => c.PetitionId == petitionId).ToListAsync()))
        .Select(c => new Counter(c.Kind, c.Key, c.Count)).OrderBy(c => c.Kind).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();

    private static int Count(IEnumerable<Counter> counters, CounterKind kind, string key) =>
        counters.Where(c => c.Kind == kind && c.Key == key).Sum(c => c.Count);
}
