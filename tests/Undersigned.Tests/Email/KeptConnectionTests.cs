using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Petitions;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Email;

/// <summary>
/// The SMTP connections the outbox keeps open between batches, when the server ends them as real servers do. An
/// email sent after that goes out at once, on a new connection, exactly once; a refusal, or a message the server may
/// already have, is not sent again by reconnecting. Each test has its own SMTP server, database and app, so that the
/// connection it tries is the one the test left open.
/// </summary>
public sealed class KeptConnectionTests(PerDatabase<DatabaseFixture> databases, ITestOutputHelper output)
    : FixtureTest(databases, output)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    public static TheoryData<SessionEnding> Endings =>
        [SessionEnding.CloseAfterEachMessage, SessionEnding.TimeOutAfterEachMessage, SessionEnding.OneMessagePerSession];

    [Theory, OnEachDatabase(Rows = nameof(Endings))]
    public async Task An_email_after_the_server_ended_the_kept_connection_goes_out_at_once_and_once(
        DatabaseProvider provider, SessionEnding ending)
    {
        await UseAsync(provider);
        await using var sink = new SmtpSink(ending);
        var app = await StartAppAsync(sink);

        var first = await SignAsync(app);
        await WaitUntilDoneAsync(app, first);
        if (ending != SessionEnding.OneMessagePerSession)
        {
            // The connection that carried the first email is closed before the second is queued.
            await sink.WaitUntilAsync(s => s.SessionsEnded >= 1, MailWait, "the server to end the first session");
        }

        var second = await SignAsync(app);
        var row = await WaitUntilDoneAsync(app, second);

        // Sent in the pass that first tried it: one attempt, nothing left to retry, no error recorded.
        Assert.NotNull(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.LastError);
        Assert.Single(sink.To(second));
        Assert.Single(sink.To(first));
        Assert.Equal(2, sink.Sessions); // the second email went over a new connection, as it had to
    }

    [Theory, OnEachDatabase]
    public async Task A_recipient_refused_for_good_on_a_kept_connection_is_offered_once(DatabaseProvider provider)
    {
        await UseAsync(provider);
        await using var sink = new SmtpSink();
        var app = await StartAppAsync(sink);
        var first = await SignAsync(app);
        await WaitUntilDoneAsync(app, first);

        var refused = new SignatureForm();
        sink.Refuse[refused.Email!] = SmtpServer.Protocol.SmtpReplyCode.MailboxUnavailable;
        await SignAsync(app, refused);
        var row = await WaitUntilDoneAsync(app, refused.Email!);

        Assert.NotNull(row.FailedAt);
        Assert.Null(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("550", row.LastError, StringComparison.Ordinal);
        Assert.Equal(1, sink.Offered(refused.Email!));
        Assert.Empty(sink.To(refused.Email!));
        Assert.Equal(1, sink.Sessions); // refused on the kept connection, and no other was opened to try again
    }

    [Theory, OnEachDatabase]
    public async Task A_message_the_server_may_have_is_not_sent_again_at_once_on_a_new_connection(DatabaseProvider provider)
    {
        await UseAsync(provider);
        await using var sink = new SmtpSink();
        var app = await StartAppAsync(sink);
        var first = await SignAsync(app);
        await WaitUntilDoneAsync(app, first);

        var unanswered = new SignatureForm();
        sink.HangUpAfterData[unanswered.Email!] = true;
        await SignAsync(app, unanswered);
        var row = await WaitUntilDoneAsync(app, unanswered.Email!);

        // The connection broke after the hand-over, so the server may have the message (this one does): it waited
        // for the outbox's retry, which sent it again as at-least-once delivery does, rather than going out twice
        // within one attempt.
        Assert.NotNull(row.SentAt);
        Assert.Equal(2, row.Attempts);
        Assert.Equal(2, sink.To(unanswered.Email!).Count());
    }

    private async Task<UndersignedApp> StartAppAsync(SmtpSink sink)
    {
        var database = await Fixture.CreateDatabaseAsync();
        var app = Fixture.CreateApp(database, settings: MailAppFixture.SettingsFor(sink));
        await Task.Run(app.Start);
        return app;
    }

    private static async Task<string> SignAsync(UndersignedApp app, SignatureForm? form = null)
    {
        form ??= new SignatureForm();
        using var signer = new Signer(app);
        using var response = await signer.SignAsync(DemoCampaign.Slug, form);
        Assert.Equal($"/p/{DemoCampaign.Slug}/thanks?status=check-email", response.RedirectTarget());
        return form.Email!;
    }

    /// <summary>The signer's confirmation row once it is sent or failed for good.</summary>
    private static async Task<OutboxMessage> WaitUntilDoneAsync(UndersignedApp app, string email)
    {
        var deadline = DateTime.UtcNow + MailWait;
        while (true)
        {
            var row = await app.QueryAsync(db => db.OutboxMessages.AsNoTracking()
                .SingleAsync(m => db.Signatures.Any(s => s.Id == m.SignatureId && s.Email == email)));
            if (row.SentAt != null || row.FailedAt != null)
            {
                return row;
            }
            Assert.True(DateTime.UtcNow < deadline, $"The confirmation to {email} was neither sent nor given up: {row.LastError}");
            await Task.Delay(50);
        }
    }
}
