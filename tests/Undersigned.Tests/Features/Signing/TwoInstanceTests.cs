using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Petitions;
using Undersigned.Storage;
using Undersigned.Tests.Email;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// Two app processes over one PostgreSQL database, as behind a load balancer, with the demo's double opt-in. Each
/// signer opens the form on one instance and submits it to the other, so every success proves the instances share
/// the keys that sign antiforgery tokens and cookies. Some people submit to both at once.
/// </summary>
public sealed class TwoInstanceTests(PerDatabase<DatabaseFixture> databases, ITestOutputHelper output)
    : FixtureTest(databases, output)
{
    private const string Demo = DemoCampaign.Slug;

    [Theory, OnDatabase(DatabaseProvider.Postgres)]
    public async Task Two_instances_accept_each_others_forms_store_each_signer_once_and_send_one_confirmation_each(DatabaseProvider provider)
    {
        await UseAsync(provider);

        await using var sink = new SmtpSink();
        var database = await Fixture.CreateDatabaseAsync();
        var settings = SurgeSetup.ProcessSettings(database, MailAppFixture.SettingsFor(sink));
        AppProcess? one = null, two = null;
        try
        {
            one = await AppProcess.StartAsync(settings);
            two = await AppProcess.StartAsync(settings);
            Uri[] instances = [one.Address, two.Address];

            await using var crowd = new SigningCrowd(instances, Demo) { Pause = TimeSpan.FromMilliseconds(30) };
            crowd.Start(4);
            // People who tap twice behind the load balancer: each email reaches both instances at the same moment,
            // and a group of them at once, so that both instances write batches holding the same people.
            var people = new List<(Visitor OnOne, Visitor OnTwo, SignatureForm Form)>();
            for (var i = 0; i < 10; i++)
            {
                people.Add((await crowd.OpenAsync(0), await crowd.OpenAsync(1), new SignatureForm { FirstName = "Twice" }));
            }
            var twice = await Task.WhenAll(people.Select(p =>
                Task.WhenAll(crowd.SubmitAsync(p.OnOne, p.Form, 1), crowd.SubmitAsync(p.OnTwo, p.Form, 0))));
            await crowd.WaitUntilAsync(c => c.Acknowledged >= 50, TimeSpan.FromSeconds(30), "50 acknowledged signatures");
            await crowd.StopAsync();
            var attempts = crowd.Attempts.ToList();
            Output.WriteLine($"Answers: {crowd.Summary()}");

            // Every form issued by one instance was accepted by the other: no 400 for a token or cookie it could not read.
            Assert.Empty(crowd.PageFailures);
            Assert.All(attempts, a => Assert.True(a.Acknowledged, $"{a.Email}, opened on {a.OpenedOn} and sent to {a.PostedTo}, ended {a.Outcome}."));
            // Of two at once, one stored the signature and queued its email; both were answered alike.
            Assert.All(twice, both => Assert.Equal("check-email + check-email",
                string.Join(" + ", both.Select(a => a.ThanksStatus).Order())));

            var emails = attempts.Select(a => a.Email).Distinct().ToList();
            var stored = await StoredSignatures.ReadAsync(database, Demo);
            Assert.Empty(stored.StoredTwice);
            Assert.All(emails, e => Assert.Equal([SignatureStatus.Pending], stored.StatusesOf(e)));

            // Both instances run an outbox dispatcher; between them each new signer gets exactly one confirmation.
            await sink.WaitUntilAsync(s => emails.All(e => s.To(e).Any()), TimeSpan.FromSeconds(30), "a confirmation for every signer");
            await Task.Delay(TimeSpan.FromSeconds(1)); // time for a second copy to show up, if there were one
            Assert.All(emails, e => Assert.Single(sink.To(e)));
            Assert.Equal(emails.Count, sink.Received.Count);

            // Links are opened on either instance, some on both, and then every button is pressed at once:
            // each signature counts once, whichever instance a press reaches first.
            var visitors = emails.Select((email, i) =>
            {
                var token = MailAppFixture.ConfirmationToken(sink.To(email).Single(), Demo);
                Uri[] at = twice.Any(both => both[0].Email == email) ? instances : [instances[i % 2]];
                return at.Select(address => new ConfirmingVisitor(new Uri(address, $"/p/{Demo}/confirm/{token}").ToString()));
            }).SelectMany(v => v).ToList();
            try
            {
                var forms = await Task.WhenAll(visitors.Select(v => ConfirmationPage.OpenAsync(v.Http, v.Link)));
                var pressed = await Task.WhenAll(visitors.Select((v, i) => ConfirmationPage.PressAsync(v.Http, v.Link, forms[i])));
                Assert.All(pressed, p => Assert.Equal(HttpStatusCode.Found, p.StatusCode));
                Assert.All(pressed, p => p.Dispose());
            }
            finally
            {
                visitors.ForEach(v => v.Http.Dispose());
            }
            var confirmed = await StoredSignatures.ReadAsync(database, Demo);
            Assert.All(emails, e => Assert.Equal([SignatureStatus.Counted], confirmed.StatusesOf(e)));
            confirmed.AssertCountsMatchRows();
            Assert.Equal(emails.Count, confirmed.CountOf(Demo));
        }
        finally
        {
            one?.Dispose();
            two?.Dispose();
            SurgeSetup.WriteLogs(Output, ("instance one", one), ("instance two", two));
        }
    }

    [Theory, OnDatabase(DatabaseProvider.Postgres)]
    public async Task Two_instances_started_together_on_a_new_database_both_come_up_and_seed_the_demo_once(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var database = await Fixture.CreateDatabaseAsync();
        var settings = SurgeSetup.ProcessSettings(database);
        // A deployment of two replicas: both migrate and seed the same empty database at the same moment.
        var starting = new[] { AppProcess.StartAsync(settings), AppProcess.StartAsync(settings) };
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            foreach (var app in starting.Select(Started))
            {
                app?.Dispose();
            }
        }
        await using var db = database.Open();
        Assert.Equal(1, await db.Petitions.CountAsync());
        Assert.Equal(DemoCampaign.Partners.Length + 1, await db.Organizations.CountAsync());
    }

    private static AppProcess? Started(Task<AppProcess> starting) => starting.IsCompletedSuccessfully ? starting.Result : null;

    /// <summary>Someone opening a confirmation link, with a cookie jar of their own.</summary>
    private sealed record ConfirmingVisitor(string Link)
    {
        public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new() });
    }
}
