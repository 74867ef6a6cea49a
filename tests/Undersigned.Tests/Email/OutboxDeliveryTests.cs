using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Petitions;
using Undersigned.Features.Signing;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Email;

/// <summary>
/// The outbox under the failures it exists for: a process killed in the middle of sending, and two instances
/// draining one outbox. Each test makes its own database and its own apps.
/// </summary>
public sealed class OutboxDeliveryTests(PerDatabase<DatabaseFixture> databases, ITestOutputHelper output)
    : FixtureTest(databases, output)
{
    private const int BatchSize = 20;

    [Theory, OnEachDatabase]
    public async Task Killing_the_app_while_it_sends_loses_no_email_and_repeats_at_most_one_batch(DatabaseProvider provider)
    {
        await UseAsync(provider);

        const int signers = 200;
        await using var sink = new SmtpSink { DelayPerMessage = TimeSpan.FromMilliseconds(15) };
        var database = await Fixture.CreateDatabaseAsync();
        var settings = ProcessSettings(database, sink);

        var first = await AppProcess.StartAsync(settings);
        var emails = await QueueConfirmationsAsync(database, signers);
        await sink.WaitUntilAsync(s => s.Received.Count >= signers / 4, TimeSpan.FromSeconds(60), "a quarter of the email");
        first.Kill();
        var sentBeforeCrash = sink.Received.Count;
        Output.WriteLine($"Killed the app after {sentBeforeCrash} of {signers} messages.");
        Assert.True(sentBeforeCrash < signers, "The app sent everything before it was killed; the test proved nothing.");

        using var second = await AppProcess.StartAsync(settings);
        await sink.WaitUntilAsync(s => emails.All(e => s.To(e).Any()), TimeSpan.FromSeconds(90), "every confirmation");
        first.Dispose();

        var copies = emails.Select(e => sink.To(e).Count()).ToList();
        Output.WriteLine($"Received {sink.Received.Count} messages for {signers} signers.");
        Assert.All(copies, c => Assert.InRange(c, 1, 2));
        Assert.InRange(copies.Count(c => c == 2), 0, BatchSize);
        // The last batch is marked sent just after the sink has it: wait for the marks, then none may be left.
        var unsent = await CountAsync(database, db => db.OutboxMessages.CountAsync(m => m.SentAt == null));
        for (var waited = 0; unsent > 0 && waited < 100; waited++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            unsent = await CountAsync(database, db => db.OutboxMessages.CountAsync(m => m.SentAt == null));
        }
        Assert.Equal(0, unsent);
    }

    [Theory, OnEachDatabase]
    public async Task Two_instances_drain_one_outbox_without_sending_any_message_twice(DatabaseProvider provider)
    {
        await UseAsync(provider);

        const int signers = 400;
        await using var sink = new SmtpSink { DelayPerMessage = TimeSpan.FromMilliseconds(5) };
        var database = await Fixture.CreateDatabaseAsync();
        var settings = MailAppFixture.SettingsFor(sink);
        settings["Email:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var one = Fixture.CreateApp(database, settings: settings).Start();
        var two = Fixture.CreateApp(database, settings: settings).Start();

        var emails = await QueueConfirmationsAsync(database, signers);
        await sink.WaitUntilAsync(s => emails.All(e => s.To(e).Any()), TimeSpan.FromSeconds(90), "every confirmation");
        await Task.Delay(TimeSpan.FromSeconds(1)); // time for a duplicate to show up, if there were one

        Assert.All(emails, e => Assert.Single(sink.To(e)));
        Assert.Equal(signers, sink.Received.Count);
        var dispatchers = await one.QueryAsync(db => db.OutboxMessages.Select(m => m.LockedBy).Distinct().CountAsync());
        Assert.Equal(2, dispatchers);
        GC.KeepAlive(two);
    }

    private static Dictionary<string, string> ProcessSettings(TestDatabase database, SmtpSink sink)
    {
        var settings = new Dictionary<string, string>(database.Settings);
        foreach (var (key, value) in MailAppFixture.SettingsFor(sink))
        {
            settings[key] = value!;
        }
        settings["Email:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Email:Lease"] = "00:00:03";
        settings["Logging:LogLevel:Default"] = "Warning";
        return settings;
    }

    /// <summary>
    /// Stores pending signatures with their outbox rows in one transaction, as the sign form does for each
    /// signer, so the test controls exactly when the work appears.
    /// </summary>
    private static async Task<List<string>> QueueConfirmationsAsync(TestDatabase database, int count)
    {
        var emails = Enumerable.Range(0, count).Select(i => $"signer{i}.{Guid.NewGuid():N}@example.org").ToList();
        await using var db = Open(database);
        var petition = await db.Petitions.SingleAsync(p => p.Slug == DemoCampaign.Slug);
        var now = DateTime.UtcNow;
        var signatures = emails.Select(e => new Signature
        {
            PetitionId = petition.Id, FirstName = "Test", LastName = "Signer", Email = e, NormalizedEmail = e,
            Country = "US", PostalCode = "60601", Locale = "en", CreatedAt = now, Status = SignatureStatus.Pending,
        }).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Signatures.AddRange(signatures);
        await db.SaveChangesAsync();
        ConfirmationRequests.Enqueue(db, signatures.Select(s => s.Id).ToList(), now);
        await transaction.CommitAsync();
        return emails;
    }

    private static async Task<T> CountAsync<T>(TestDatabase database, Func<UndersignedDb, Task<T>> query)
    {
        await using var db = Open(database);
        return await query(db);
    }

    private static UndersignedDb Open(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<UndersignedDb>();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            options.UseSqlite(database.ConnectionString);
        }
        else
        {
            options.UseNpgsql(database.ConnectionString);
        }
        return new UndersignedDb(options.UseSnakeCaseNamingConvention().Options);
    }
}
