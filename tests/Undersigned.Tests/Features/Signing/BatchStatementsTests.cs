using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;
using Undersigned.Data;
using Undersigned.Features.Petitions;
using Undersigned.Features.Signing;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// A surge's batch costs the same few statements whatever its requests are: new, repeated within the batch, repeated
/// from before, with partner consents or without. (Statements grow with the number of values only, as a long INSERT
/// is split to stay under each database's parameter limit.) Statements are counted by the database drivers themselves
/// (SQLite's statement trace; Npgsql's per-command activity), not timed.
/// </summary>
public sealed class BatchStatementsTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task A_batch_full_of_duplicates_and_consents_issues_as_many_statements_as_a_small_one(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var (petitionId, partners) = await App.QueryAsync(async db =>
        {
            var id = await db.Petitions.Where(p => p.Slug == Demo).Select(p => p.Id).SingleAsync();
            var orgs = await db.Sponsorships.Where(o => o.PetitionId == id).OrderBy(o => o.Position).Select(o => o.OrganizationId).Take(2).ToListAsync();
            return (id, orgs);
        });
        Assert.Equal(2, partners.Count);
        var run = Guid.NewGuid().ToString("N")[..8];
        SignatureRequest Request(string who, bool consent) => new(petitionId, CountingPolicy.OnConfirmation,
            new ValidSignature("Ella", "Baker", $"{who}-{run}@example.org", "60601", "US", null, true, false), "en",
            Consents: consent ? partners.Select(o => new PartnerConsent(o, $"Share my name and email with {o}")).ToList() : null,
            Page: $"/p/{Demo}");

        var (small, smallOutcomes) = await WriteCountingStatementsAsync(provider,
            [Request("first", consent: true), Request("second", consent: false)]);

        // As many requests as one INSERT of signatures takes on SQLite (which splits longer ones to keep binding fast), in
        // thirds: new (every other one with two consents), repeating an address of the first batch, repeating one of this batch.
        var third = RowInserts.MaxSqliteParameters / SignatureRows.Columns.Length / 3;
        var fresh = Enumerable.Range(0, third).Select(i => Request($"new{i}", consent: i % 2 == 0)).ToList();
        var requests = fresh
            .Concat(Enumerable.Range(0, third).Select(i => Request(i % 2 == 0 ? "first" : "second", consent: true)))
            .Concat(Enumerable.Range(0, third).Select(i => Request($"new{i}", consent: true)))
            .ToList();
        var (large, outcomes) = await WriteCountingStatementsAsync(provider, requests);

        Output.WriteLine($"statements: batch of 2 new: {small}, batch of {third} new and {2 * third} repeats: {large}");
        Assert.Equal(small + 1, large); // the one more: the address requests of the repeats, one INSERT for all of them
        Assert.All(smallOutcomes, o => Assert.Equal(SignOutcome.ConfirmationSent, o));
        Assert.Equal(third, outcomes.Count(o => o == SignOutcome.ConfirmationSent));
        Assert.Equal(2 * third, outcomes.Count(o => o == SignOutcome.SignedBefore));

        // What the statements wrote: a row per new signature, its consents and opt-ins, and an email each.
        var stored = await App.QueryAsync(async db =>
        {
            var ours = db.Signatures.Where(s => s.NormalizedEmail.EndsWith($"-{run}@example.org"));
            var ids = ours.Select(s => s.Id);
            return new
            {
                Signatures = await ours.CountAsync(),
                Consents = await db.ConsentRecords.CountAsync(c => ids.Contains(c.SignatureId)
                    && c.Action == ConsentAction.Granted && c.WordingVersion == PartnerConsents.Version && c.Page == $"/p/{Demo}"),
                OptIns = await db.PartnerOptIns.CountAsync(o => ids.Contains(o.SignatureId) && o.PetitionId == petitionId),
                Emails = await db.OutboxMessages.CountAsync(m => m.SignatureId != null && ids.Contains(m.SignatureId.Value)
                    && m.Kind == ConfirmationRequests.Kind),
            };
        });
        var withConsents = (third + 1) / 2;
        Assert.Equal(2 + third, stored.Signatures);
        Assert.Equal(2 + 2 * withConsents, stored.Consents); // consents kept only with a new signature, never with a repeat
        Assert.Equal(2 + 2 * withConsents, stored.OptIns);
        Assert.Equal(2 + third, stored.Emails);
    }

    /// <summary>Writes one batch through the app's own writer, counting the statements the database driver ran.</summary>
    private async Task<(int Statements, SignOutcome[] Outcomes)> WriteCountingStatementsAsync(DatabaseProvider provider,
        IReadOnlyList<SignatureRequest> requests)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        var writer = scope.ServiceProvider.GetRequiredService<SignatureBatchWriter>();
        await db.Database.OpenConnectionAsync();
        var statements = 0;
        if (provider == DatabaseProvider.Sqlite)
        {
            var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
            raw.sqlite3_trace(handle, (strdelegate_trace)((_, _) => Interlocked.Increment(ref statements)), null);
            try
            {
                var written = writer.Write(requests);
                return (statements, written);
            }
            finally
            {
                raw.sqlite3_trace(handle, (strdelegate_trace)null!, null);
            }
        }
        // Only the commands run under this test's own activity: the app's background services share the database.
        using var source = new ActivitySource(nameof(BatchStatementsTests));
        Activity? batch = null;
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Npgsql" or nameof(BatchStatementsTests),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (batch is not null && activity.Parent == batch && activity.Source.Name == "Npgsql")
                {
                    Interlocked.Increment(ref statements);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        batch = source.StartActivity("batch");
        var outcomes = writer.Write(requests);
        batch!.Stop();
        return (statements, outcomes);
    }
}
