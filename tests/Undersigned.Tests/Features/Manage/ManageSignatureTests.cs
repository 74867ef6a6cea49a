using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Email;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Manage;

/// <summary>
/// The signer's private link, as a signer uses it: from the confirmation email, to see what is stored, change
/// their choices, stop sharing with an organization, download their data and withdraw.
/// </summary>
public sealed class ManageSignatureTests(PerDatabase<MailAppFixture> apps, ITestOutputHelper output)
    : IntegrationTest<MailAppFixture>(apps, output)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    [Theory, OnEachDatabase]
    public async Task The_confirmation_email_links_to_a_page_showing_exactly_what_is_stored(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var form = new SignatureForm { Comment = "Mics on every corner & no oversight", PostalCode = "94110" };
        var (token, signer) = await SignConfirmAndOpenAsync(form, "daily-kos");
        var warnings = Fixture.Log.Warnings.Count;

        using var response = await signer.Http.GetAsync($"/p/{Demo}/manage/{token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Empty(Fixture.Log.Warnings.Skip(warnings)); // not antiforgery's "Cache-Control ... overridden" either
        var page = Parse(await response.Content.ReadAsStringAsync());
        var stored = page.QuerySelector("dl.stored")!.TextContent;
        foreach (var value in new[] { form.FirstName!, form.LastName!, form.Email!, "94110", form.Comment! })
        {
            Assert.Contains(value, stored, StringComparison.Ordinal);
        }
        Assert.Contains("Daily Kos", page.QuerySelector("ul.shared-with")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, OnEachDatabase]
    public async Task Withdrawing_drops_the_count_erases_the_details_and_ends_every_partners_access_once(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var form = new SignatureForm();
        var (token, signer) = await SignConfirmAndOpenAsync(form, "daily-kos");
        var before = await ApiCountAsync(Demo);
        var page = $"/p/{Demo}/manage/{token}";

        using var unconfirmed = await (await signer.FormAsync(page, WithdrawButton)).SubmitAsync();
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal(before, await ApiCountAsync(Demo));

        // The same form sent twice (a double tap, or a second tab): the second finds it already withdrawn.
        var withdraw = (await signer.FormAsync(page, WithdrawButton)).Check("ConfirmWithdrawal");
        using var withdrawn = await withdraw.SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        using var twice = await withdraw.SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        Assert.Contains("already-withdrawn", twice.Headers.Location?.OriginalString, StringComparison.Ordinal);

        Assert.Equal(before - 1, await ApiCountAsync(Demo));
        var (signature, optIns, consents) = await StoredAsync(form.Email!, tokenOf: token);
        Assert.Equal(SignatureStatus.Withdrawn, signature.Status);
        Assert.Equal("", signature.Email);
        Assert.Equal("", signature.FirstName);
        Assert.Null(signature.PostalCode);
        Assert.Empty(optIns);
        Assert.Equal([ConsentAction.Granted, ConsentAction.Withdrawn], consents.Select(c => c.Action));
        Assert.Equal(await SignedCountAsync(), await ApiCountAsync(Demo));
    }

    [Theory, OnEachDatabase]
    public async Task Stopping_sharing_with_one_organization_is_recorded_in_the_words_of_the_button(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var form = new SignatureForm();
        var (token, signer) = await SignConfirmAndOpenAsync(form, "daily-kos");
        var page = $"/p/{Demo}/manage/{token}";

        // Pressed once, then again from a tab still showing the button.
        var stop = await signer.FormAsync(page, "Stop sharing my name and email with Daily Kos");
        using var stopped = await stop.SubmitAsync();
        using var again = await stop.SubmitAsync();

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var (signature, optIns, consents) = await StoredAsync(form.Email!, tokenOf: token);
        Assert.Equal(SignatureStatus.Counted, signature.Status);
        Assert.Empty(optIns);
        var withdrawal = Assert.Single(consents, c => c.Action == ConsentAction.Withdrawn);
        Assert.Equal("Stop sharing my name and email with Daily Kos", withdrawal.Wording);
    }

    [Theory, OnEachDatabase]
    public async Task Choices_change_and_the_data_download_holds_everything_stored(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var form = new SignatureForm { ShowNamePublicly = false, WantsUpdates = true };
        var (token, signer) = await SignConfirmAndOpenAsync(form, "daily-kos");
        var page = $"/p/{Demo}/manage/{token}";

        var choices = await signer.FormAsync(page, "Save my choices");
        using var saved = await choices.Check("ShowNamePublicly").Uncheck("WantsUpdates").SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var data = await signer.Http.GetAsync($"{page}?handler=data");

        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        Assert.StartsWith("attachment", data.Content.Headers.ContentDisposition?.ToString() ?? data.Headers.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await data.Content.ReadAsStringAsync());
        var signature = json.RootElement.GetProperty("signature");
        Assert.Equal(form.Email, signature.GetProperty("email").GetString());
        Assert.True(signature.GetProperty("showNamePublicly").GetBoolean());
        Assert.False(signature.GetProperty("wantsUpdates").GetBoolean());
        Assert.Equal("Share my name and email with Daily Kos",
            json.RootElement.GetProperty("consentHistory")[0].GetProperty("wording").GetString());
    }

    [Theory, OnEachDatabase]
    public async Task Forged_truncated_and_foreign_manage_links_open_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var (token, signer) = await SignConfirmAndOpenAsync(new SignatureForm(), "daily-kos");
        var tampered = (token[0] == 'A' ? 'B' : 'A') + token[1..];

        foreach (var path in new[]
        {
            $"/p/{Demo}/manage/{tampered}", $"/p/{Demo}/manage/{token[..20]}", $"/p/{Demo}/manage/{token}A",
            $"/p/no-such-petition/manage/{token}", $"/p/{Demo}/manage/%3Cscript%3E",
        })
        {
            using var response = await signer.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("@example.org", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory, OnEachDatabase]
    public async Task An_expired_manage_link_opens_nothing_and_changes_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var form = new SignatureForm();
        var (token, signer) = await SignConfirmAndOpenAsync(form, "daily-kos");
        var withdraw = (await signer.FormAsync($"/p/{Demo}/manage/{token}", WithdrawButton)).Check("ConfirmWithdrawal");
        var hash = Undersigned.Features.Signing.SignerTokens.HashOf(token)!;
        await App.QueryAsync(db => db.SignatureTokens.Where(t => t.TokenHash == hash)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var before = await ApiCountAsync(Demo);

        using var opened = await signer.Http.GetAsync($"/p/{Demo}/manage/{token}");
        using var withdrawn = await withdraw.SubmitAsync();

        Assert.Equal(HttpStatusCode.NotFound, opened.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withdrawn.StatusCode);
        Assert.Equal(before, await ApiCountAsync(Demo));
        Assert.Equal(SignatureStatus.Counted, (await StoredAsync(form.Email!, tokenOf: token)).Item1.Status);
    }

    [Theory, OnEachDatabase]
    public async Task A_lost_link_is_emailed_only_to_a_signer_and_the_page_never_says_who_signed(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var form = new SignatureForm();
        await SignConfirmAndOpenAsync(form, "daily-kos");
        var sentBefore = Fixture.Sink.To(form.Email!).Count();
        using var visitor = NewSigner();

        var stranger = $"never.signed.{Guid.NewGuid():N}@example.org";

        var forSigner = await AskForLinkAsync(visitor, form.Email!);
        var forStranger = await AskForLinkAsync(visitor, stranger);
        _ = await AskForLinkAsync(visitor, form.Email!); // again, at once: no second email inside the interval

        Assert.Equal(forSigner, forStranger);
        await EmailSettledAsync();
        Assert.Equal(sentBefore + 1, Fixture.Sink.To(form.Email!).Count());
        Assert.Empty(Fixture.Sink.To(stranger));
        // The address that never signed was held only until its request was answered.
        Assert.Empty(await ColumnsContainingAsync(stranger));
        var token = MailAppFixture.ManageToken(Fixture.Sink.To(form.Email!).Last(), Demo);
        using var opened = await visitor.Http.GetAsync($"/p/{Demo}/manage/{token}");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
    }

    private static async Task<string> AskForLinkAsync(Signer visitor, string email)
    {
        var form = await visitor.FormAsync($"/p/{Demo}/manage", "Email me the link");
        using var response = await form.Set("Email", email).SubmitAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[role=status]")!.TextContent;
    }

    /// <summary>Signs through a partner's link with its box ticked, confirms by email, returns the manage token.</summary>
    private async Task<(string Token, Signer Signer)> SignConfirmAndOpenAsync(SignatureForm form, string partner)
    {
        var signer = NewSigner();
        using var signed = await signer.SignOnPageAsync($"/p/{Demo}?source={partner}", form, partner);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        await Fixture.Sink.WaitUntilAsync(s => s.To(form.Email!).Any(), MailWait, "the confirmation email");
        var message = Fixture.Sink.To(form.Email!).Single();
        await ConfirmationPage.ConfirmAsync(signer.Http, $"/p/{Demo}/confirm/{MailAppFixture.ConfirmationToken(message, Demo)}");
        return (MailAppFixture.ManageToken(message, Demo), signer);
    }

    private const string WithdrawButton = "Withdraw my signature";

    private Task<int> SignedCountAsync() => App.QueryAsync(async db =>
    {
        var id = await db.Petitions.Where(p => p.Slug == Demo).Select(p => p.Id).SingleAsync();
        return await db.Signatures.CountAsync(s => s.PetitionId == id && s.Status == SignatureStatus.Counted);
    });

    private Task<(Signature, List<PartnerOptIn>, List<ConsentRecord>)> StoredAsync(string email, string tokenOf) =>
        App.QueryAsync(async db =>
        {
            var hash = Undersigned.Features.Signing.SignerTokens.HashOf(tokenOf)!;
            var id = await db.SignatureTokens.Where(t => t.TokenHash == hash).Select(t => t.SignatureId).SingleAsync();
            var signature = await db.Signatures.AsNoTracking().SingleAsync(s => s.Id == id);
            return (signature, await db.PartnerOptIns.Where(o => o.SignatureId == id).ToListAsync(),
                await db.ConsentRecords.Where(c => c.SignatureId == id).OrderBy(c => c.Id).ToListAsync());
        });
}
