using System.Net;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Email;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Staff;

/// <summary>
/// Failed logins through the real form, each client from a loopback address of its own: the answers never tell an
/// unknown address from a wrong password, an attacker slows only themselves, and the owner is told by email.
/// </summary>
public sealed class FailedLoginTests(PerDatabase<SlowLoginAppFixture> apps, ITestOutputHelper output)
    : IntegrationTest<SlowLoginAppFixture>(apps, output)
{
    private SmtpSink Sink => Fixture.Sink;

    [Theory, OnEachDatabase]
    public async Task An_unknown_address_and_a_wrong_password_get_the_same_answer_after_1_5_and_10_tries(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var owner = await NewAccountAsync("parity");
        using var guessingUnknown = StaffMember.Anonymous(App, Clients.Next());
        using var guessingKnown = StaffMember.Anonymous(App, Clients.Next());

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            using var unknown = await guessingUnknown.SubmitLoginAsync("nobody.parity@staff.example.org", $"guess {attempt} is wrong");
            using var known = await guessingKnown.SubmitLoginAsync(owner, $"guess {attempt} is wrong");
            var (unknownAnswer, knownAnswer) = (await AnswerAsync(unknown), await AnswerAsync(known));

            Assert.Equal(unknownAnswer, knownAnswer);
            if (attempt is 1 or 5 or 10)
            {
                // Five free failures, then the client waits ten minutes (this fixture's delay) before the next is evaluated.
                Assert.Equal(attempt <= 5 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, unknownAnswer.Status);
                Assert.Contains(attempt <= 5 ? "do not match an account" : "Too many attempts", unknownAnswer.Error, StringComparison.Ordinal);
            }
        }
    }

    [Theory, OnEachDatabase]
    public async Task An_attackers_failures_do_not_stop_the_owner_logging_in_from_another_client(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var owner = await NewAccountAsync("attacked");
        using var attacker = StaffMember.Anonymous(App, Clients.Next());
        for (var i = 0; i < 10; i++)
        {
            using var wrong = await attacker.SubmitLoginAsync(owner, $"guess number {i} wrong");
            Assert.NotEqual(HttpStatusCode.Redirect, wrong.StatusCode);
        }
        // Inside the attacker's wait even the right password is not evaluated.
        using var stillWaiting = await attacker.SubmitLoginAsync(owner, StaffMember.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillWaiting.StatusCode);

        using var ownersBrowser = StaffMember.Anonymous(App, Clients.Next());
        using var login = await ownersBrowser.SubmitLoginAsync(owner, StaffMember.Password);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        using var home = await ownersBrowser.Http.GetAsync("/staff");
        Assert.Equal("/admin", home.Headers.Location?.OriginalString);
        using var attackerHome = await attacker.Http.GetAsync("/staff");
        Assert.StartsWith("/login", attackerHome.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory, OnEachDatabase]
    public async Task An_owner_who_mistypes_during_an_attack_still_gets_in_from_a_browser_that_logged_in_before(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var owner = await NewAccountAsync("mistyped");
        using var laptop = await StaffMember.LogInAsAsync(App, owner, Clients.Next());
        using var logout = await laptop.LogOutAsync();
        using var attacker = StaffMember.Anonymous(App, Clients.Next());
        for (var i = 0; i < 10; i++)
        {
            using var wrong = await attacker.SubmitLoginAsync(owner, $"guess number {i} wrong");
        }

        // A slip from a browser the account has never seen: that client has now failed, so it waits out the account's delay.
        using var newPhone = StaffMember.Anonymous(App, Clients.Next());
        using var phoneTypo = await newPhone.SubmitLoginAsync(owner, "correct horse battery stapel");
        using var phoneRight = await newPhone.SubmitLoginAsync(owner, StaffMember.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, phoneTypo.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, phoneRight.StatusCode);

        // The same slip from the laptop, which logged in to this account before, does not hold the owner back.
        using var typo = await laptop.SubmitLoginAsync(owner, "correct horse battery stapel");
        using var right = await laptop.SubmitLoginAsync(owner, StaffMember.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, typo.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }

    [Theory, OnEachDatabase]
    public async Task The_owner_gets_one_email_about_repeated_failures_that_does_not_say_where_they_came_from(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var owner = await NewAccountAsync("alerted");
        // Ten failures, each from an address of its own, so that every one is evaluated and counted on the account.
        var attackers = new List<IPAddress>();
        for (var i = 0; i < 10; i++)
        {
            attackers.Add(Clients.Next());
            using var attacker = StaffMember.Anonymous(App, attackers[^1]);
            using var wrong = await attacker.SubmitLoginAsync(owner, $"guess {i} wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        // A second account's alert, queued after anything the first could have queued, marks when the first is done.
        var marker = await NewAccountAsync("marker");
        using (var markerAttacker = StaffMember.Anonymous(App, Clients.Next()))
        {
            for (var i = 0; i < 5; i++)
            {
                using var wrong = await markerAttacker.SubmitLoginAsync(marker, $"guess {i} wrong");
            }
        }
        await Sink.WaitUntilAsync(s => s.To(marker).Any(), TimeSpan.FromSeconds(30), "the marker account's alert");

        var email = Assert.Single(Sink.To(owner));
        Assert.Equal("Failed attempts to log in to your staff account", email.Subject);
        Assert.Contains(owner, email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{App.Address.ToString().TrimEnd('/')}/account/password", email.TextBody, StringComparison.Ordinal);
        Assert.All(attackers, a => Assert.DoesNotContain(a.ToString(), email.TextBody + email.HtmlBody, StringComparison.Ordinal));
        // An address with no account gets nothing, however often it is tried.
        Assert.Empty(Sink.To("nobody.parity@staff.example.org"));
    }

    [Theory, OnEachDatabase]
    public async Task Answers_for_an_unknown_address_and_a_wrong_password_take_alike_long(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var owner = await NewAccountAsync("timing");
        // Blocks of four tries, unknown, wrong, wrong, unknown, so that a machine slowing down or speeding up
        // weighs on both kinds alike; each try from a client of its own with no failures, so each is evaluated.
        var (gaps, sameKind, unknown, known) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var block = 0; block < 25; block++)
        {
            var u1 = await TimeFailedLoginAsync("nobody.timing@staff.example.org");
            var k1 = await TimeFailedLoginAsync(owner);
            var k2 = await TimeFailedLoginAsync(owner);
            var u2 = await TimeFailedLoginAsync("nobody.timing@staff.example.org");
            gaps.Add((k1 + k2 - u1 - u2) / 2);
            sameKind.AddRange([Math.Abs(u2 - u1), Math.Abs(k2 - k1)]);
            unknown.AddRange([u1, u2]);
            known.AddRange([k1, k2]);
        }

        var (gap, noise) = (Median(gaps), Median(sameKind));
        Output.WriteLine($"median unknown {Median(unknown):0.0} ms, wrong password {Median(known):0.0} ms; "
            + $"wrong minus unknown, per block: median {gap:0.0} ms; two tries of one kind apart: median {noise:0.0} ms");
        Assert.True(Math.Abs(gap) <= noise,
            $"A wrong password takes {gap:0.0} ms longer than an unknown address; two tries of one kind differ by {noise:0.0} ms.");
    }

    /// <summary>How long the login form takes to refuse a wrong password for <paramref name="email"/>, from a new client.</summary>
    private async Task<double> TimeFailedLoginAsync(string email)
    {
        using var visitor = StaffMember.Anonymous(App, Clients.Next());
        using var shown = await visitor.Http.GetAsync("/login");
        var token = Parse(await shown.Content.ReadAsStringAsync())
            .QuerySelector($"form input[name={Signer.TokenField}]")!.GetAttribute("value")!;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = $"wrong password {Guid.NewGuid():N}", [Signer.TokenField] = token,
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await visitor.Http.PostAsync("/login", form);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return elapsed;
    }

    private async Task<string> NewAccountAsync(string name)
    {
        var email = $"{name}.{Guid.NewGuid():N}@staff.example.org";
        await StaffMember.CreateAsync(App, email, StaffRoles.Admin, null);
        return email;
    }

    /// <summary>What a person sees: the status and the page, with the typed address and the form's token left out.</summary>
    private static async Task<(HttpStatusCode Status, string? Error, string Page)> AnswerAsync(HttpResponseMessage response)
    {
        var page = Parse(await response.Content.ReadAsStringAsync());
        foreach (var input in page.QuerySelectorAll($"input[name=Email], input[name={Signer.TokenField}]"))
        {
            input.RemoveAttribute("value");
        }
        return (response.StatusCode, page.QuerySelector(".field-error")?.TextContent.Trim(), page.DocumentElement.OuterHtml);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
