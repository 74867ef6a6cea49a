using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>Signing a petition through its page, as a signer does, and what the signer then sees.</summary>
public sealed class SigningTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : SigningTests<AppFixture>(apps, output);

/// <summary>The same, with one transaction per signature (Intake:Mode=Direct), the baseline of the batched intake.</summary>
public sealed class DirectIntakeSigningTests(PerDatabase<DirectIntakeApp> apps, ITestOutputHelper output)
    : SigningTests<DirectIntakeApp>(apps, output);

/// <summary>The signing tests, on the batched intake the app runs by default or on another (<typeparamref name="TApp"/>).</summary>
public abstract class SigningTests<TApp>(PerDatabase<TApp> apps, ITestOutputHelper output)
    : IntegrationTest<TApp>(apps, output)
    where TApp : AppFixture, new()
{
    [Theory, OnEachDatabase]
    public async Task A_valid_signature_redirects_to_the_thank_you_page_and_counts_once(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var before = await ApiCountAsync(Demo);
        using var signer = NewSigner();
        var form = new SignatureForm { FirstName = "Octavia", LastName = "Butler", Comment = "Safety is not surveillance.", WantsUpdates = true };

        using var response = await signer.SignAsync(Demo, form);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"/p/{Demo}/thanks", response.RedirectTarget());
        Assert.Equal(before + 1, await ApiCountAsync(Demo));
        Assert.Equal(before + 1, await PageCountAsync(Demo));
        var stored = await App.QueryAsync(db => db.Signatures.SingleAsync(s => s.Email == form.Email));
        Assert.Equal(("Octavia", "Butler", form.Email!.ToLowerInvariant(), "60601", "US"),
            (stored.FirstName, stored.LastName, stored.NormalizedEmail, stored.PostalCode, stored.Country));
        Assert.Equal("Safety is not surveillance.", stored.Comment);
        Assert.True(stored.WantsUpdates);
        Assert.False(stored.ShowNamePublicly);
    }

    [Theory, OnEachDatabase]
    public async Task Signing_twice_with_the_same_email_counts_once_and_answers_as_the_first_time(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var id = Guid.NewGuid().ToString("N")[..8];
        string firstTarget;
        string firstPage;
        using (var first = NewSigner())
        {
            using var signed = await first.SignAsync(Demo, new SignatureForm { Email = $"Grace.Hopper.{id}@Example.org" });
            firstTarget = signed.RedirectTarget()!;
            firstPage = await PageTextAsync(firstTarget);
        }
        var before = await StoredAsync();
        var apiBefore = await ApiCountAsync(Demo);

        using var again = NewSigner();
        using var response = await again.SignAsync(Demo,
            new SignatureForm { FirstName = "Grace", Email = $"  GRACE.HOPPER.{id.ToUpperInvariant()}@example.ORG  " });

        // Nothing in the answer says the address had signed: the same redirect, the same page, byte for byte.
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"/p/{Demo}/thanks", firstTarget);
        Assert.Equal(firstTarget, response.RedirectTarget());
        Assert.Equal(firstPage, await PageTextAsync(response.RedirectTarget()!));
        Assert.Equal(before, await StoredAsync());
        Assert.Equal(apiBefore, await ApiCountAsync(Demo));
        // Only the address's own mailbox hears that it had signed, with the link to that signature.
        await EmailSettledAsync();
        // The email goes to the address as stored: one canonical form per mailbox, so in small letters.
        var mail = Assert.Single(await DevMailToAsync($"grace.hopper.{id}@example.org"));
        Assert.StartsWith("You had already signed", mail.Subject, StringComparison.Ordinal);
        Assert.Matches($@"/p/{Demo}/manage/[A-Za-z0-9_-]{{43}}", mail.Text);
    }

    [Theory, OnEachDatabase]
    public async Task Fifty_simultaneous_submissions_of_one_email_store_one_signature_and_count_once(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var email = $"rosa.{Guid.NewGuid():N}@example.org";
        var signers = Enumerable.Range(0, 50).Select(_ => NewSigner()).ToList();
        try
        {
            await Task.WhenAll(signers.Select(s => s.OpenAsync(Demo)));
            var before = await StoredAsync();

            var responses = await Task.WhenAll(signers.Select(s => s.SignAsync(Demo, new SignatureForm { FirstName = "Rosa", Email = email })));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Found, r.StatusCode));
            var targets = responses.Select(r => r.RedirectTarget()).ToList();
            Assert.All(targets, t => Assert.Equal($"/p/{Demo}/thanks", t));
            Assert.Equal(1, await App.QueryAsync(db => db.Signatures.CountAsync(s => s.NormalizedEmail == email)));
            Assert.Equal(before with { SignatureRows = before.SignatureRows + 1, PetitionCount = before.PetitionCount + 1 },
                await StoredAsync());
            Assert.Equal(before.PetitionCount + 1, await ApiCountAsync(Demo));
            // 49 of them signed again within the resend interval: one email says so, not 49.
            await EmailSettledAsync();
            Assert.Single(await DevMailToAsync(email));
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
        finally
        {
            signers.ForEach(s => s.Dispose());
        }
    }

    [Theory, OnEachDatabase]
    public async Task The_thank_you_page_shows_the_count_the_signer_joined(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();
        using var response = await signer.SignAsync(Demo, new SignatureForm());

        var thanks = await GetPageAsync(response.RedirectTarget()!);

        Assert.Contains("Thank you", thanks.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var count = await ApiCountAsync(Demo);
        Assert.True(count > 0);
        Assert.Equal(count, CountShownOn(thanks));
        Assert.Contains(count.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en")),
            thanks.QuerySelector(".progress")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, OnEachDatabase]
    public async Task A_signer_who_asked_to_be_shown_appears_as_first_name_and_last_initial(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var first = $"Fannie{Guid.NewGuid():N}"[..14];
        using var signer = NewSigner();
        using var response = await signer.SignAsync(Demo,
            new SignatureForm { FirstName = first, LastName = "Hamer-Townsend", PostalCode = "38751", ShowNamePublicly = true });
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);

        var page = await GetPageAsync($"/p/{Demo}");

        var shown = page.QuerySelectorAll(".recent-signers li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(shown, line => line.StartsWith($"{first} H.", StringComparison.Ordinal) && line.Contains("387xx", StringComparison.Ordinal));
        // Only the initial: the full last name and the full ZIP code stay private.
        Assert.DoesNotContain("Hamer-Townsend", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("38751", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Theory, OnEachDatabase]
    public async Task A_signer_who_did_not_ask_to_be_shown_never_appears_on_the_page(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var first = $"Ella{Guid.NewGuid():N}"[..12];
        using var signer = NewSigner();
        using var response = await signer.SignAsync(Demo, new SignatureForm { FirstName = first, ShowNamePublicly = false });
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(1, await App.QueryAsync(db => db.Signatures.CountAsync(s => s.FirstName == first)));

        var page = await GetPageAsync($"/p/{Demo}");

        Assert.DoesNotContain(first, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Theory, OnEachDatabase]
    public async Task An_unknown_petition_is_404_for_its_page_its_thank_you_page_and_its_form(DatabaseProvider provider)
    {
        await UseAsync(provider);

        using var signer = NewSigner();
        await signer.OpenAsync(Demo);

        await GetPageAsync("/p/no-such-petition", HttpStatusCode.NotFound);
        await GetPageAsync("/p/no-such-petition/thanks", HttpStatusCode.NotFound);
        var before = await StoredAsync();
        using var response = await signer.SignAsync("no-such-petition", new SignatureForm());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await StoredAsync());
    }

    [Theory, OnEachDatabase]
    public async Task A_draft_petition_is_404_on_its_page_and_in_the_API(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var draft = await AddPetitionAsync(PetitionStatus.Draft);
        using var client = App.CreateHttpClient();

        await GetPageAsync($"/p/{draft}", HttpStatusCode.NotFound);
        await GetPageAsync($"/p/{draft}/thanks", HttpStatusCode.NotFound);
        using var api = await client.GetAsync($"/api/petitions/{draft}");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.DoesNotContain(draft, await client.GetStringAsync("/api/petitions"), StringComparison.Ordinal);
        Assert.DoesNotContain(draft, await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Theory, OnEachDatabase]
    public async Task A_draft_petition_cannot_be_signed(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var draft = await AddPetitionAsync(PetitionStatus.Draft);
        using var signer = NewSigner();
        await signer.OpenAsync(Demo);

        using var response = await signer.SignAsync(draft, new SignatureForm());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await App.QueryAsync(db => db.Petitions.Where(p => p.Slug == draft).Select(p => p.SignatureCount).SingleAsync()));
    }

    [Theory, OnEachDatabase]
    public async Task A_closed_petition_says_it_is_closed_and_offers_no_form(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var closed = await AddPetitionAsync(PetitionStatus.Closed);

        var page = await GetPageAsync($"/p/{closed}");

        Assert.Contains("closed", page.QuerySelector(".notice")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Null(page.QuerySelector("form"));
    }

    [Theory, OnEachDatabase]
    public async Task Signing_a_closed_petition_answers_410_and_stores_nothing(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var closed = await AddPetitionAsync(PetitionStatus.Closed);
        using var signer = NewSigner();
        await signer.OpenAsync(Demo); // a closed petition has no form; a token from an open one is as good as any
        var before = await StoredAsync(closed);

        using var response = await signer.SignAsync(closed, new SignatureForm());

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("closed", (await response.ReadPageAsync()).QuerySelector("h1")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await StoredAsync(closed));
    }

    private async Task<string> PageTextAsync(string path)
    {
        using var client = App.CreateHttpClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<List<DevMailMessage>> DevMailToAsync(string address) => App.QueryAsync(db =>
        db.DevMailMessages.AsNoTracking().Where(m => m.To.Contains(address)).ToListAsync());
}
