using Microsoft.Playwright;
using Undersigned.Browser.Tests.Hosting;
using Undersigned.Browser.Tests.Pages;
using Xunit.Abstractions;

namespace Undersigned.Browser.Tests.Signing;

public sealed class SigningTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_signature_counts_once_its_email_is_confirmed_and_the_petition_shows_it() =>
        WithPageAsync(SignConfirmAndSeeTheCountMoveAsync);

    [Fact]
    public Task Signing_works_with_JavaScript_turned_off() =>
        WithPageAsync(SignConfirmAndSeeTheCountMoveAsync, new() { JavaScriptEnabled = false });

    [Fact]
    public Task Signing_twice_with_the_same_email_counts_once_and_the_page_never_says_it_had_signed() => WithPageAsync(async page =>
    {
        var signer = Signer.New();
        var petition = await PetitionPage.OpenAsync(page);
        var before = await petition.CountAsync();
        await petition.SignAsync(signer);

        // Again before confirming: the page a first signer sees, nothing counted.
        petition = await PetitionPage.OpenAsync(page);
        var thanks = await petition.SignAsync(signer);
        Assert.Equal(ThanksPage.CheckYourEmail, await thanks.Heading.InnerTextAsync());
        Assert.Equal(before, await thanks.CountAsync());

        await ConfirmationPage.ConfirmAsync(page, await Mailbox.ConfirmationLinkForAsync(signer.Email));

        // Again after confirming, with the address typed as a person might the second time: other case, stray spaces.
        petition = await PetitionPage.OpenAsync(page);
        thanks = await petition.SignAsync(signer with { FirstName = "Ada L.", Email = $"  {signer.Email.ToUpperInvariant()} " });
        Assert.Equal(ThanksPage.CheckYourEmail, await thanks.Heading.InnerTextAsync());
        Assert.Equal(before + 1, await thanks.CountAsync());
        petition = await thanks.BackToPetitionAsync();
        Assert.Equal(before + 1, await petition.CountAsync());

        // The email to that address is what says it had signed, with the private link to the signature.
        var manage = await Mailbox.ManageLinkForAsync(signer.Email, "You had already signed");
        var response = await page.GotoAsync(manage);
        Assert.Equal(200, response?.Status);
    });

    [Fact]
    public Task A_form_with_mistakes_comes_back_with_each_error_beside_its_field_and_the_typed_values_kept() =>
        WithPageAsync(async page =>
        {
            var petition = await PetitionPage.OpenAsync(page);
            var before = await petition.CountAsync();
            await petition.FillAsync(new Signer(FirstName: "", LastName: "Okafor", Email: "not-an-email", Country: "US", PostalCode: ""));

            // The form comes back as a refusal (400), with the page a person reads.
            ExpectStatus(400, "/p/stop-shotspotter");
            await petition.SubmitExpectingErrorsAsync();

            Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
            Assert.Equal("Error: Enter your first name", await petition.ErrorBesideAsync(petition.FirstName));
            Assert.Null(await petition.ErrorBesideAsync(petition.LastName));
            Assert.Equal("Error: Enter an email address like name@example.com", await petition.ErrorBesideAsync(petition.Email));
            Assert.Equal("Error: Enter your ZIP code", await petition.ErrorBesideAsync(petition.PostalCode));
            Assert.Equal("true", await petition.FirstName.GetAttributeAsync("aria-invalid"));
            Assert.Equal("true", await petition.Email.GetAttributeAsync("aria-invalid"));
            Assert.Null(await petition.LastName.GetAttributeAsync("aria-invalid"));

            Assert.Equal("Okafor", await petition.LastName.InputValueAsync());
            Assert.Equal("not-an-email", await petition.Email.InputValueAsync());
            Assert.Equal("US", await petition.Country.InputValueAsync());
            Assert.Equal(before, await petition.CountAsync());

            // The summary lists the errors in the form's order, and each link takes keyboard focus to its field.
            var links = petition.ErrorSummary.GetByRole(AriaRole.Link);
            Assert.Equal(
                ["Enter your first name", "Enter an email address like name@example.com", "Enter your ZIP code"],
                await links.AllInnerTextsAsync());
            ILocator[] fields = [petition.FirstName, petition.Email, petition.PostalCode];
            for (var i = 0; i < fields.Length; i++)
            {
                await links.Nth(i).FocusAsync();
                Assert.True(await links.Nth(i).EvaluateAsync<bool>("a => document.activeElement === a"),
                    $"The summary link '{await links.Nth(i).InnerTextAsync()}' cannot take focus.");
                await page.Keyboard.PressAsync("Enter");
                Assert.True(await fields[i].EvaluateAsync<bool>("field => document.activeElement === field"),
                    $"Following '{await links.Nth(i).InnerTextAsync()}' did not move focus to its field.");
            }
        });

    /// <summary>
    /// The whole path of one signature, as a signer walks it: petition, form, thank-you page, the link in the
    /// confirmation email and its button, and the petition again. The demo petition counts a signature once its email is confirmed.
    /// </summary>
    private async Task SignConfirmAndSeeTheCountMoveAsync(IPage page)
    {
        var petition = await PetitionPage.OpenAsync(page);
        var before = await petition.CountAsync();
        var signer = Signer.New();

        var thanks = await petition.SignAsync(signer);
        Assert.Equal(ThanksPage.CheckYourEmail, await thanks.Heading.InnerTextAsync());
        Assert.Equal(before, await thanks.CountAsync());

        // Opening the link shows the petition and a button; only the button counts.
        var link = await Mailbox.ConfirmationLinkForAsync(signer.Email);
        var opened = await ConfirmationPage.OpenAsync(page, link);
        Assert.Equal(ConfirmationPage.ConfirmYourSignature, await opened.Heading.InnerTextAsync());
        Assert.Equal(before, await (await PetitionPage.OpenAsync(page)).CountAsync());

        var confirmed = await ConfirmationPage.ConfirmAsync(page, link);
        Assert.Equal(ConfirmationPage.Confirmed, await confirmed.Heading.InnerTextAsync());
        Assert.Equal(before + 1, await confirmed.CountAsync());
        petition = await confirmed.BackToPetitionAsync();
        Assert.Equal(before + 1, await petition.CountAsync());
    }
}
