using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Undersigned.Data;
using Undersigned.Features.Signing;
using Undersigned.Storage;
using Undersigned.Tests.Email;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// Signing again with an address that had signed: the answer is the one a first signature gets, to the byte, and
/// only the address's own mailbox hears more (its manage link, or the confirmation again), at most once per interval.
/// </summary>
public sealed class SigningAgainTests(PerDatabase<MailAppFixture> apps, ITestOutputHelper output)
    : IntegrationTest<MailAppFixture>(apps, output)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    private SmtpSink Sink => Fixture.Sink;

    [Theory, OnEachDatabase]
    public async Task Signing_again_after_confirming_answers_as_a_first_signature_and_emails_the_manage_link(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var form = new SignatureForm { FirstName = "Bayard" };
        var (firstTarget, _) = await SignAsync(Demo, form);
        Assert.Equal($"/p/{Demo}/thanks?status=check-email", firstTarget);
        await ConfirmAsync(await OnlyEmailToAsync(form.Email!));
        var count = await ApiCountAsync(Demo);

        var again = await SignAsync(Demo, form with { FirstName = "Someone", Email = $" {form.Email!.ToUpperInvariant()} " });
        var stranger = await SignAsync(Demo, new SignatureForm());

        Assert.Equal(stranger, again);
        await EmailSettledAsync();
        var note = Assert.Single(Sink.To(form.Email!), m => m.Subject!.StartsWith("You had already signed", StringComparison.Ordinal));
        Assert.DoesNotContain("/confirm/", note.TextBody!, StringComparison.Ordinal);
        using var visitor = NewSigner();
        using var manage = await visitor.Http.GetAsync($"/p/{Demo}/manage/{MailAppFixture.ManageToken(note, Demo)}");
        Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
        var stored = (await manage.ReadPageAsync()).QuerySelector("dl.stored")!.TextContent;
        Assert.Contains("Bayard", stored, StringComparison.Ordinal); // the details typed the second time were not kept
        Assert.DoesNotContain("Someone", stored, StringComparison.Ordinal);
        Assert.Equal(count, await ApiCountAsync(Demo));
        Assert.Equal(1, await RowsOfAsync(form.Email!));

        // A third time within the interval: the same answer, and nothing more in the mailbox.
        Assert.Equal(again.Target, (await SignAsync(Demo, form)).Target);
        await EmailSettledAsync();
        Assert.Equal(2, Sink.To(form.Email!).Count());
        Assert.Equal(count, await ApiCountAsync(Demo));
    }

    [Theory, OnEachDatabase]
    public async Task Signing_again_while_unconfirmed_answers_as_a_first_signature_and_sends_the_confirmation_again(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var form = new SignatureForm();
        await SignAsync(Demo, form);
        var firstLink = MailAppFixture.ConfirmationToken(await OnlyEmailToAsync(form.Email!), Demo);
        var count = await ApiCountAsync(Demo);

        // At once: the confirmation went out moments ago, so nothing more is sent; the answer is a first signature's.
        var soon = await SignAsync(Demo, form);
        Assert.Equal(await SignAsync(Demo, new SignatureForm()), soon);
        await EmailSettledAsync();
        Assert.Single(Sink.To(form.Email!));

        // Later: the confirmation goes out again, with a link of its own; the first link still works.
        await BackdateConfirmationRequestAsync(form.Email!);
        var later = await SignAsync(Demo, form);
        Assert.Equal(await SignAsync(Demo, new SignatureForm()), later);
        await EmailSettledAsync();
        var secondLink = MailAppFixture.ConfirmationToken(Sink.To(form.Email!).Last(), Demo);
        Assert.Equal(2, Sink.To(form.Email!).Count());
        Assert.NotEqual(firstLink, secondLink);

        // And a third time within the interval: nothing more.
        Assert.Equal(later.Target, (await SignAsync(Demo, form)).Target);
        await EmailSettledAsync();
        Assert.Equal(2, Sink.To(form.Email!).Count());
        Assert.Equal(count, await ApiCountAsync(Demo));
        Assert.Equal(1, await RowsOfAsync(form.Email!));
        Assert.Equal(ConfirmOutcome.Confirmed, await ConfirmTokenAsync(firstLink));
        Assert.Equal(ConfirmOutcome.AlreadyConfirmed, await ConfirmTokenAsync(secondLink));
        Assert.Equal(count + 1, await ApiCountAsync(Demo));
    }

    [Theory, OnEachDatabase]
    public async Task Signing_again_a_petition_that_counts_at_once_answers_as_the_first_time_and_emails_the_manage_link(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var slug = await AddPetitionAsync(PetitionStatus.Open);
        await App.QueryAsync(db => db.Petitions.Where(p => p.Slug == slug)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.CountingPolicy, CountingPolicy.AtOnce)));
        var form = new SignatureForm { FirstName = "Dolores" };
        var page = $"/p/{slug}?culture=es";

        var first = await SignOnPageAsync(page, form);
        await EmailSettledAsync();
        Assert.Empty(Sink.To(form.Email!)); // a first signature here is counted at once, and sends no email
        var count = await ApiCountAsync(slug);
        var again = await SignOnPageAsync(page, form with { Email = form.Email!.ToUpperInvariant() });

        Assert.Equal($"/p/{slug}/thanks?culture=es", first.Target);
        Assert.Equal(first, again);
        await EmailSettledAsync();
        var note = Assert.Single(Sink.To(form.Email!));
        Assert.StartsWith("Ya habías firmado", note.Subject, StringComparison.Ordinal); // in the language the signer first read
        Assert.Matches($"/p/{slug}/manage/[A-Za-z0-9_-]{{43}}", note.TextBody);
        Assert.Equal(count, await ApiCountAsync(slug));

        Assert.Equal(first, await SignOnPageAsync(page, form));
        await EmailSettledAsync();
        Assert.Single(Sink.To(form.Email!));
        Assert.Equal(count, await ApiCountAsync(slug));
    }

    /// <summary>What a signer is shown: where the form sends them, and that page as served.</summary>
    private sealed record Answer(string? Target, string Page);

    private Task<Answer> SignAsync(string slug, SignatureForm form) => SignOnPageAsync($"/p/{slug}", form);

    private async Task<Answer> SignOnPageAsync(string page, SignatureForm form)
    {
        using var signer = NewSigner();
        using var response = await signer.SignOnPageAsync(page, form);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var target = response.RedirectTarget();
        using var thanks = await signer.Http.GetAsync(target);
        Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
        return new Answer(target, await thanks.Content.ReadAsStringAsync());
    }

    private async Task<MimeMessage> OnlyEmailToAsync(string email)
    {
        await Sink.WaitUntilAsync(s => s.To(email).Any(), MailWait, $"an email to {email}");
        return Assert.Single(Sink.To(email));
    }

    private async Task ConfirmAsync(MimeMessage confirmation) =>
        Assert.Equal(ConfirmOutcome.Confirmed, await ConfirmTokenAsync(MailAppFixture.ConfirmationToken(confirmation, Demo)));

    /// <summary>Confirms as the confirmation page does, through the same operation.</summary>
    private async Task<ConfirmOutcome> ConfirmTokenAsync(string token)
    {
        var petition = await App.QueryAsync(db => db.Petitions.Where(p => p.Slug == Demo).Select(p => p.Id).SingleAsync());
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConfirmSignature>().RunAsync(petition, token, CancellationToken.None);
    }

    private Task<int> RowsOfAsync(string email)
    {
        var normalized = email.ToLowerInvariant();
        return App.QueryAsync(db => db.Signatures.CountAsync(s => s.NormalizedEmail == normalized));
    }

    private Task<int> BackdateConfirmationRequestAsync(string email) => App.QueryAsync(db => db.Signatures
        .Where(s => s.Email == email)
        .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationRequestedAt, DateTime.UtcNow.AddHours(-1))));
}
