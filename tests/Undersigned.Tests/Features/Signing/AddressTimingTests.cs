using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Tests.Email;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// Nothing in the time an answer takes tells whether an address signed. The resend, lost-link and sign forms are
/// sent 200 times with addresses that signed and 200 times each in two runs with addresses that did not, the three
/// interleaved, and the medians are compared with the noise between the two runs of the same kind
/// (<see cref="TimingComparison"/>). There is no time limit, so a slow machine cannot fail these; a request that
/// does more work for one kind of address can. The petition counts on confirmation, as by default, and email goes
/// over SMTP, so the background work the forms queue runs while they are measured.
/// These run alone, after the tests that run side by side, so that other tests' work is not part of the noise.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class AddressTimingTests(PerDatabase<MailAppFixture> apps, ITestOutputHelper output)
    : IntegrationTest<MailAppFixture>(apps, output)
{
    private const int Tries = 300;
    private const int WarmUp = 30;

    /// <summary>The confirmation link again (<c>resend</c>) and the manage link (<c>manage</c>), each asked for by address.</summary>
    [Theory]
    [OnEachDatabase("resend", "Send me a new link")]
    [OnEachDatabase("manage", "Email me the link")]
    public async Task Asking_for_a_link_by_email_takes_as_long_for_an_address_that_signed_as_for_one_that_did_not(
        DatabaseProvider provider, string page, string button)
    {
        await UseAsync(provider);
        using var visitor = NewSigner();
        var form = await visitor.FormAsync($"/p/{Demo}/{page}", button);
        await AssertIndistinguishableAsync(() => CompareAsync(async email => await AnswerAsync(form.Set("Email", email), HttpStatusCode.OK)));
    }

    [Theory, OnEachDatabase]
    public async Task Signing_takes_as_long_with_an_address_that_signed_as_with_one_that_did_not(DatabaseProvider provider)
    {
        await UseAsync(provider);
        using var visitor = NewSigner();
        var form = await visitor.FormAsync($"/p/{Demo}", selector: "form.sign-form");
        form.Set("Form.FirstName", "Ella").Set("Form.LastName", "Baker").Set("Form.PostalCode", "60601");
        await AssertIndistinguishableAsync(() => CompareAsync(async email => await AnswerAsync(form.Set("Form.Email", email), HttpStatusCode.Redirect)));
    }

    /// <summary>
    /// A request that does more work for one kind of address is told apart in every measurement; a burst of noise
    /// on a shared machine (another process, a garbage collection) is not. So a difference has to be seen three
    /// times running to fail, the mirror of the five tries the lookup below gets to be seen once.
    /// </summary>
    private static async Task AssertIndistinguishableAsync(Func<Task<TimingComparison>> measure)
    {
        var seen = new List<TimingComparison>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var comparison = await measure();
            if (comparison.Indistinguishable)
            {
                return;
            }
            seen.Add(comparison);
        }
        Assert.Fail("Told apart in every measurement:\n" + string.Join("\n", seen));
    }

    /// <summary>
    /// The measurement can fail: the same resend requests, with one lookup of the address in the app's database
    /// timed into the requests for addresses that signed, are told apart. A machine busy enough can hide a lookup
    /// in one measurement, so it gets five.
    /// </summary>
    [Theory, OnEachDatabase]
    public async Task One_lookup_made_only_for_addresses_that_signed_is_told_apart(DatabaseProvider provider)
    {
        await UseAsync(provider);
        using var visitor = NewSigner();
        var form = await visitor.FormAsync($"/p/{Demo}/resend", "Send me a new link");
        var seen = new List<TimingComparison>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var comparison = await CompareAsync(
                async email => await AnswerAsync(form.Set("Email", email), HttpStatusCode.OK),
                knownAlso: email => App.QueryAsync(db => db.Signatures.AnyAsync(s => s.NormalizedEmail == email)));
            if (!comparison.Indistinguishable)
            {
                return;
            }
            seen.Add(comparison);
        }
        Assert.Fail("A lookup made only for addresses that signed went unseen:\n" + string.Join("\n", seen));
    }

    private static async Task AnswerAsync(PageForm form, HttpStatusCode expected)
    {
        using var response = await form.SubmitAsync();
        await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(expected, response.StatusCode);
    }

    /// <summary>
    /// Sends <paramref name="request"/> for addresses that signed (plus <paramref name="knownAlso"/>, timed with
    /// them) and, in two runs, for addresses that did not, interleaved in an order drawn
    /// anew for each round after a warm-up: background work one request leaves behind lands on a later request of
    /// any kind alike, where a fixed rotation would hand it to the same kind every time.
    /// </summary>
    private async Task<TimingComparison> CompareAsync(Func<string, Task> request, Func<string, Task>? knownAlso = null)
    {
        var signed = await SignedAddressesAsync(Tries + WarmUp);
        var known = new List<double>();
        var unknown = new List<double>();
        var unknownAgain = new List<double>();
        var shuffle = new Random(7);
        for (var round = 0; round < Tries + WarmUp; round++)
        {
            var measuring = round >= WarmUp;
            var order = new[] { 0, 1, 2 };
            shuffle.Shuffle(order);
            foreach (var kind in order)
            {
                var email = kind == 0 ? signed[round] : $"nobody.{Guid.NewGuid():N}@example.org";
                var clock = Stopwatch.StartNew();
                await request(email);
                if (kind == 0 && knownAlso is not null)
                {
                    await knownAlso(email);
                }
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (measuring)
                {
                    (kind == 0 ? known : kind == 1 ? unknown : unknownAgain).Add(elapsed);
                }
            }
        }
        var comparison = TimingComparison.Of(known, unknown, unknownAgain);
        Output.WriteLine(comparison.ToString());
        return comparison;
    }

    /// <summary>Addresses that signed the demo petition through its form, their confirmation still pending.</summary>
    private async Task<List<string>> SignedAddressesAsync(int count)
    {
        using var signer = NewSigner();
        var emails = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var form = new SignatureForm();
            using var response = await signer.SignAsync(Demo, form);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            emails.Add(form.Email!);
        }
        return emails;
    }
}
