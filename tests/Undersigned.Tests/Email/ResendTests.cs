using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Email;

/// <summary>
/// Asking for the confirmation link again on the resend page: at most the limit, however many ask at once, and the
/// same answer for an address that never signed, of which nothing is kept.
/// </summary>
public sealed class ResendTests(PerDatabase<MailAppFixture> apps, ITestOutputHelper output)
    : IntegrationTest<MailAppFixture>(apps, output)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    private SmtpSink Sink => Fixture.Sink;

    [Theory, OnEachDatabase]
    public async Task A_thousand_resend_requests_for_one_address_send_no_more_than_the_limit(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var form = new SignatureForm();
        using (var first = NewSigner())
        {
            using var _ = await first.SignAsync(Demo, form);
        }
        await Sink.WaitUntilAsync(s => s.To(form.Email!).Count() == 1, MailWait, "the first confirmation");
        using var asker = NewSigner();
        var token = await ConfirmationTests.ResendFormTokenAsync(asker);

        async Task AskThousandTimesAsync()
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (_, ct) =>
                {
                    using var content = new FormUrlEncodedContent(
                        [new(Signer.TokenField, token), new("Email", form.Email!.ToUpperInvariant())]);
                    using var response = await asker.Http.PostAsync($"/p/{Demo}/resend", content, ct);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    var page = await response.ReadPageAsync();
                    Assert.NotNull(page.QuerySelector("[role=status]"));
                });
        }

        // Within the resend interval: a thousand requests, not one more email.
        await AskThousandTimesAsync();
        await EmailSettledAsync();
        Assert.Equal(1, await ConfirmationRequestsAsync(form.Email!));

        // After it, with one email left under the limit: exactly one more, however many ask at once.
        await App.QueryAsync(db => db.Signatures.Where(s => s.Email == form.Email)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationRequests, 4)
                .SetProperty(x => x.ConfirmationRequestedAt, DateTime.UtcNow.AddHours(-1))));
        await AskThousandTimesAsync();
        await EmailSettledAsync();
        Assert.Equal(5, await ConfirmationRequestsAsync(form.Email!));
        await Sink.WaitUntilAsync(s => s.To(form.Email!).Count() == 2, MailWait, "the resent confirmation");

        // At the limit, time passing changes nothing.
        await BackdateConfirmationRequestAsync(form.Email!);
        await AskThousandTimesAsync();
        await EmailSettledAsync();
        Assert.Equal(5, await ConfirmationRequestsAsync(form.Email!));
        Assert.Equal(2, Sink.To(form.Email!).Count());
    }

    [Theory, OnEachDatabase]
    public async Task The_resend_page_answers_the_same_for_addresses_that_never_signed_and_keeps_nothing_of_them(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var form = new SignatureForm();
        using (var first = NewSigner())
        {
            using var _ = await first.SignAsync(Demo, form);
        }
        await Sink.WaitUntilAsync(s => s.To(form.Email!).Count() == 1, MailWait, "the first confirmation");
        await BackdateConfirmationRequestAsync(form.Email!);
        using var asker = NewSigner();
        var token = await ConfirmationTests.ResendFormTokenAsync(asker);
        var stranger = $"never.signed.{Guid.NewGuid():N}@example.org";

        var forSigner = await AskAsync(form.Email!);
        var forStranger = await AskAsync(stranger);

        Assert.Equal(forSigner, forStranger);
        await EmailSettledAsync();
        Assert.Equal(2, Sink.To(form.Email!).Count());
        Assert.Empty(Sink.To(stranger));
        // The address that never signed was held only until its request was answered.
        Assert.Empty(await ColumnsContainingAsync(stranger));
        Assert.NotEmpty(await ColumnsContainingAsync(form.Email!)); // the scan finds an address that is stored

        async Task<string> AskAsync(string email)
        {
            using var content = new FormUrlEncodedContent([new(Signer.TokenField, token), new("Email", email)]);
            using var response = await asker.Http.PostAsync($"/p/{Demo}/resend", content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.ReadPageAsync()).QuerySelector("main")!.OuterHtml;
        }
    }

    private Task<int> BackdateConfirmationRequestAsync(string email) => App.QueryAsync(db => db.Signatures
        .Where(s => s.Email == email)
        .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationRequestedAt, DateTime.UtcNow.AddHours(-1))));

    private Task<int> ConfirmationRequestsAsync(string email) => App.QueryAsync(db =>
        db.Signatures.Where(s => s.Email == email).Select(s => s.ConfirmationRequests).SingleAsync());
}
