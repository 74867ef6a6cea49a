using System.Net;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Staff;

/// <summary>Waits that pass: with this fixture's delays of a fraction of a second, a client that waits is heard again.</summary>
public sealed class LoginDelayTests(PerDatabase<QuickLoginAppFixture> apps, ITestOutputHelper output)
    : IntegrationTest<QuickLoginAppFixture>(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task Once_the_delay_has_passed_the_owner_logs_in_even_from_a_client_that_failed_during_the_attack(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var owner = $"waited.{Guid.NewGuid():N}@staff.example.org";
        await StaffMember.CreateAsync(App, owner, StaffRoles.Organizer, "daily-kos");
        using var attacker = StaffMember.Anonymous(App, Clients.Next());
        for (var i = 0; i < 10; i++)
        {
            using var wrong = await attacker.SubmitLoginAsync(owner, $"guess number {i} wrong");
            Assert.NotEqual(HttpStatusCode.Redirect, wrong.StatusCode);
        }
        using var owners = StaffMember.Anonymous(App, Clients.Next());
        using var typo = await owners.SubmitLoginAsync(owner, "correct horse battery stapel");
        Assert.Equal(HttpStatusCode.Unauthorized, typo.StatusCode);

        var answers = new List<HttpStatusCode>();
        while (answers.Count < 50 && answers.LastOrDefault() != HttpStatusCode.Redirect)
        {
            using var login = await owners.SubmitLoginAsync(owner, StaffMember.Password);
            answers.Add(login.StatusCode);
            if (login.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(HttpStatusCode.Redirect, answers[^1]);
        Assert.All(answers[..^1], a => Assert.Equal(HttpStatusCode.TooManyRequests, a));
        using var home = await owners.Http.GetAsync("/staff");
        Assert.Equal("/admin", home.Headers.Location?.OriginalString);
    }

    [Theory, OnEachDatabase]
    public async Task A_client_that_waited_out_its_delay_has_its_next_attempt_evaluated(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var owner = $"patient.{Guid.NewGuid():N}@staff.example.org";
        await StaffMember.CreateAsync(App, owner, StaffRoles.Admin, null);
        using var visitor = StaffMember.Anonymous(App, Clients.Next());
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await visitor.SubmitLoginAsync(owner, $"guess number {i} wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        HttpStatusCode answer;
        var tries = 0;
        do
        {
            using var login = await visitor.SubmitLoginAsync(owner, StaffMember.Password);
            answer = login.StatusCode;
            await Task.Delay(answer == HttpStatusCode.TooManyRequests ? 100 : 0);
        }
        while (answer == HttpStatusCode.TooManyRequests && ++tries < 50);

        Assert.Equal(HttpStatusCode.Redirect, answer);
    }
}
