using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Undersigned.Email;
using Undersigned.Features.Updates;
using Undersigned.Storage;
using Undersigned.Tests.Email;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Updates;

/// <summary>
/// An update's fan-out cut short by a crash: the app is killed (SIGKILL) while it sends, then started again on the
/// same database. Everyone who asked gets the update once, no one gets it twice, and no one else gets anything.
/// </summary>
public sealed class UpdateFanOutCrashTests(PerDatabase<DatabaseFixture> databases, ITestOutputHelper output)
    : FixtureTest(databases, output)
{
    private const int BatchSize = 20;
    private const int Parallelism = 4;

    [Theory, OnEachDatabase]
    public async Task Killing_the_app_mid_send_and_restarting_it_sends_each_opted_in_signer_the_update_once_and_no_one_else_anything(DatabaseProvider provider)
    {
        await UseAsync(provider);

        const int optedIn = 200;
        await using var sink = new SmtpSink { DelayPerMessage = TimeSpan.FromMilliseconds(15) };
        var database = await Fixture.CreateDatabaseAsync();
        var settings = ProcessSettings(database, sink);
        AppProcess? first = null, second = null;
        try
        {
            first = await AppProcess.StartAsync(settings);
            UpdateSetup.Signers signers;
            long updateId;
            await using (var db = database.Open())
            {
                var (petitionId, _) = await UpdateSetup.NewPetitionAsync(db);
                signers = await UpdateSetup.AddSignersAsync(db, petitionId, optedIn, notOptedIn: 20);
                // The operation the organizers' page runs; the app's dispatcher finds the rows by polling.
                var posted = await new PostUpdate(db, TimeProvider.System)
                    .PostAsync(petitionId, new UpdateText("The council votes on Tuesday", "Come and *listen*."), "organizer@example.org", CancellationToken.None);
                Assert.Equal(optedIn, posted.Recipients);
                updateId = posted.UpdateId;
            }

            await sink.WaitUntilAsync(s => s.Received.Count >= optedIn / 4, TimeSpan.FromSeconds(60), "a quarter of the update");
            first.Kill();
            var sentBeforeCrash = sink.Received.Count;
            Output.WriteLine($"Killed the app after {sentBeforeCrash} of {optedIn} messages.");
            Assert.True(sentBeforeCrash < optedIn, "The app sent everything before it was killed; the test proved nothing.");

            second = await AppProcess.StartAsync(settings);
            await WaitUntilAsync(() => UnfinishedAsync(database, updateId), TimeSpan.FromSeconds(90), "every row sent or given up");
            await Task.Delay(TimeSpan.FromSeconds(1)); // time for a stray message to arrive, if one were on its way

            var inDoubt = await InDoubtAsync(database, updateId);
            Output.WriteLine($"Received {sink.Received.Count} messages; {inDoubt.Count} given up as in doubt.");
            Assert.All(signers.OptedIn, e => Assert.InRange(sink.To(e).Count(), 0, 1)); // never twice
            var missing = signers.OptedIn.Where(e => !sink.To(e).Any()).ToList();
            // Only a message the mail server had when the app died can be missing, and only if the server never got it.
            Assert.Subset(inDoubt.ToHashSet(), missing.ToHashSet());
            Assert.InRange(inDoubt.Count, 0, Parallelism);
            Assert.All(signers.NotOptedIn.Concat(signers.NotCounted), e => Assert.Empty(sink.To(e)));
            Assert.Equal(optedIn - missing.Count, sink.Received.Count);
        }
        finally
        {
            first?.Dispose();
            second?.Dispose();
            if (first is not null)
            {
                Output.WriteLine(first.Log);
            }
            if (second is not null)
            {
                Output.WriteLine(second.Log);
            }
        }
    }

    private static async Task<int> UnfinishedAsync(TestDatabase database, long updateId)
    {
        await using var db = database.Open();
        return await db.OutboxMessages.CountAsync(m => m.SubjectId == updateId && m.Kind == PostUpdate.Kind && m.SentAt == null && m.FailedAt == null);
    }

    private static async Task<List<string>> InDoubtAsync(TestDatabase database, long updateId)
    {
        await using var db = database.Open();
        return await db.OutboxMessages.Where(m => m.SubjectId == updateId && m.FailedAt != null)
            .Join(db.Signatures, m => m.SignatureId, s => s.Id, (m, s) => new { s.Email, m.LastError }).ToListAsync() is var failed
            && failed.All(f => f.LastError == OutboxDispatcher.InDoubt)
                ? failed.Select(f => f.Email).ToList()
                : throw new InvalidOperationException($"Rows failed for another reason: {string.Join("; ", failed.Select(f => f.LastError))}");
    }

    private static async Task WaitUntilAsync(Func<Task<int>> remaining, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await remaining() > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0}s for {what}.");
            }
            await Task.Delay(100);
        }
    }

    private static Dictionary<string, string> ProcessSettings(TestDatabase database, SmtpSink sink)
    {
        var settings = new Dictionary<string, string>(database.Settings);
        foreach (var (key, value) in MailAppFixture.SettingsFor(sink))
        {
            settings[key] = value!;
        }
        settings["Email:BatchSize"] = BatchSize.ToString(CultureInfo.InvariantCulture);
        settings["Email:Parallelism"] = Parallelism.ToString(CultureInfo.InvariantCulture);
        settings["Email:Lease"] = "00:00:03";
        settings["Logging:LogLevel:Default"] = "Warning";
        return settings;
    }
}
