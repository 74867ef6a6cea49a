using Microsoft.EntityFrameworkCore;
using Undersigned.Features.Petitions;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Email;

/// <summary>
/// <c>Email:Dispatch=false</c>: an instance that takes signatures and queues their email but leaves sending it to
/// the instances that send, as a web instance beside a worker does.
/// </summary>
public sealed class SendingInstanceTests(PerDatabase<DatabaseFixture> databases, ITestOutputHelper output)
    : FixtureTest(databases, output)
{
    [Theory, OnEachDatabase]
    public async Task An_instance_that_does_not_send_queues_the_email_for_one_that_does(DatabaseProvider provider)
    {
        await UseAsync(provider);
        await using var sink = new SmtpSink();
        var database = await Fixture.CreateDatabaseAsync();
        var webOnly = Fixture.CreateApp(database,
            settings: new Dictionary<string, string?>(MailAppFixture.SettingsFor(sink)) { ["Email:Dispatch"] = "false" });
        await Task.Run(webOnly.Start);

        var form = new SignatureForm();
        using (var signer = new Signer(webOnly))
        using (var response = await signer.SignAsync(DemoCampaign.Slug, form))
        {
            Assert.Equal($"/p/{DemoCampaign.Slug}/thanks?status=check-email", response.RedirectTarget());
        }
        // Ten of its polling intervals later (0.2 s each), the email is queued and untouched.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var row = await webOnly.QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .SingleAsync(m => db.Signatures.Any(s => s.Id == m.SignatureId && s.Email == form.Email)));
        Assert.Equal((0, null), (row.Attempts, row.SentAt));
        Assert.Empty(sink.To(form.Email!));

        var sending = Fixture.CreateApp(database, settings: MailAppFixture.SettingsFor(sink));
        await Task.Run(sending.Start);
        await sink.WaitUntilAsync(s => s.To(form.Email!).Any(), TimeSpan.FromSeconds(20), "the confirmation, sent by the other instance");
        Assert.Single(sink.To(form.Email!));
    }
}
