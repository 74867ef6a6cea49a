using Undersigned.Features.Petitions;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>
/// A surge cut short by a crash: the app process is killed (SIGKILL, no shutdown) while people are signing, then
/// started again on the same database. What it acknowledged must be stored once, and each count must match its rows.
/// </summary>
public sealed class IntakeCrashTests(PerDatabase<DatabaseFixture> databases, ITestOutputHelper output)
    : FixtureTest(databases, output)
{
    private const string Demo = DemoCampaign.Slug;
    private const string Surge = "surge";
    private const string AfterKill = "after the kill";

    [Theory, OnEachDatabase]
    public async Task Killing_the_app_mid_surge_keeps_every_acknowledged_signature_once_and_every_count_exact(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var database = await Fixture.CreateDatabaseAsync();
        var settings = SurgeSetup.ProcessSettings(database);
        AppProcess? first = null, second = null;
        try
        {
            first = await AppProcess.StartAsync(settings);
            await SurgeSetup.CountDemoAtOnceAsync(database);

            // Tablets that never stop submitting, so that the kill always finds requests in flight.
            List<SignAttempt> surge;
            await using (var crowd = new SigningCrowd([first.Address], Demo) { NewVisitorEachTime = false, Phase = Surge })
            {
                crowd.Start(8);
                await crowd.WaitUntilAsync(c => c.Acknowledged >= 40, TimeSpan.FromSeconds(30), "40 acknowledged signatures");
                first.Kill();
                crowd.Phase = AfterKill;
                await Task.Delay(300);
                await crowd.StopAsync();
                surge = [.. crowd.Attempts];
                Output.WriteLine($"Answers: {crowd.Summary()}");
            }

            var acknowledged = surge.Where(a => a.Acknowledged).ToList();
            var unanswered = surge.Where(a => a.Phase == Surge && !a.Answered).ToList();
            Assert.NotEmpty(unanswered); // the kill caught requests mid-way, or the test proved less than it claims
            Assert.All(surge.Where(a => a.Answered), a => Assert.True(a.Acknowledged, $"{a.Email} was answered {a.Outcome}."));

            second = await AppProcess.StartAsync(settings);
            var afterRestart = await StoredSignatures.ReadAsync(database, Demo);
            var landed = unanswered.Count(a => afterRestart.RowsOf(a.Email) == 1);
            Output.WriteLine($"{acknowledged.Count} acknowledged before the kill; {unanswered.Count} sent but never answered, "
                + $"of which {landed} were stored.");
            Assert.Empty(afterRestart.StoredTwice);
            Assert.All(acknowledged, a => Assert.Equal(1, afterRestart.RowsOf(a.Email)));
            afterRestart.AssertCountsMatchRows();
            // Nothing counted that no one sent: the people acknowledged, plus those of the unanswered whose try had landed.
            Assert.Equal(SigningCrowd.People(surge, e => afterRestart.RowsOf(e) == 1), afterRestart.CountOf(Demo));

            // People who never heard back sign again: each is told the same, whether or not the first try landed.
            await using (var retry = new SigningCrowd([second.Address], Demo))
            {
                foreach (var lost in unanswered)
                {
                    var answer = await retry.SubmitAsync(await retry.OpenAsync(0), new SignatureForm { Email = lost.Email }, 0);
                    Assert.Equal("302 thanks", answer.Outcome);
                }
            }
            var final = await StoredSignatures.ReadAsync(database, Demo);
            Assert.Empty(final.StoredTwice);
            Assert.All(acknowledged.Concat(unanswered), a => Assert.Equal(1, final.RowsOf(a.Email)));
            final.AssertCountsMatchRows();
            Assert.Equal(acknowledged.Concat(unanswered).Select(a => a.Email).Distinct().Count(), final.CountOf(Demo));
        }
        finally
        {
            first?.Dispose();
            second?.Dispose();
            SurgeSetup.WriteLogs(Output, ("first app", first), ("restarted app", second));
        }
    }
}
