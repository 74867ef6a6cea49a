using Microsoft.Extensions.Options;
using Undersigned.Features.Staff;

namespace Undersigned.Tests.Features.Staff;

/// <summary>The throttle's rules on their own, on a clock the test moves: who waits, how long, and what resets.</summary>
public sealed class LoginThrottleRulesTests
{
    private const string Attacker = "203.0.113.7";
    private const string Owner = "198.51.100.20";
    private const string Account = "ADMIN@EXAMPLE.ORG";

    private readonly Clock clock = new();
    private readonly LoginOptions settings = new()
    {
        ClientFreeFailures = 5, AccountFreeFailures = 5, FirstDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromMinutes(15), Forget = TimeSpan.FromHours(1), AlertAfter = 5,
    };

    private LoginThrottle Throttle() => new(Options.Create(settings), clock);

    [Fact]
    public void Five_failures_are_free_then_each_next_attempt_waits_a_doubling_delay_up_to_the_maximum()
    {
        var throttle = Throttle();
        FailTimes(throttle, Attacker, Account, 5);

        Assert.Null(throttle.Begin(Attacker, "OTHER@EXAMPLE.ORG", knownBrowser: false));
        clock.Advance(TimeSpan.FromSeconds(1));
        FailTimes(throttle, Attacker, "OTHER@EXAMPLE.ORG", 1);

        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Null(throttle.Begin(Attacker, "THIRD@EXAMPLE.ORG", knownBrowser: false));
        clock.Advance(TimeSpan.FromSeconds(0.1));
        FailTimes(throttle, Attacker, "THIRD@EXAMPLE.ORG", 1);

        // After twenty more the wait is capped, not 2^20 seconds.
        for (var i = 0; i < 20; i++)
        {
            clock.Advance(settings.MaxDelay);
            FailTimes(throttle, Attacker, $"ACCOUNT{i}@EXAMPLE.ORG", 1);
        }
        clock.Advance(settings.MaxDelay - TimeSpan.FromSeconds(1));
        Assert.Null(throttle.Begin(Attacker, "LAST@EXAMPLE.ORG", knownBrowser: false));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(throttle.Begin(Attacker, "LAST@EXAMPLE.ORG", knownBrowser: false));
    }

    [Fact]
    public void An_account_under_attack_makes_clients_that_failed_wait_but_not_a_clean_client_or_a_known_browser()
    {
        var throttle = Throttle();
        FailTimes(throttle, Attacker, Account, 5);
        FailTimes(throttle, "192.0.2.1", "SOMEONE@EXAMPLE.ORG", 1);

        // A client that has failed before waits for the account's delay, whatever account it failed on.
        Assert.Null(throttle.Begin("192.0.2.1", Account, knownBrowser: false));
        // A client with no failures is evaluated at once, and so is a browser that signed in to this account before.
        using (var clean = throttle.Begin(Owner, Account, knownBrowser: false))
        {
            Assert.NotNull(clean);
        }
        Assert.NotNull(throttle.Begin("192.0.2.1", Account, knownBrowser: true));
    }

    [Fact]
    public void Past_the_free_failures_attempts_sent_in_parallel_are_let_through_one_at_a_time()
    {
        var throttle = Throttle();
        FailTimes(throttle, Attacker, Account, 4);

        var first = throttle.Begin(Attacker, Account, knownBrowser: false);
        var second = throttle.Begin(Attacker, Account, knownBrowser: false);

        Assert.NotNull(first);
        Assert.Null(second);
        first.Failed();
        Assert.Null(throttle.Begin(Attacker, Account, knownBrowser: false));
    }

    [Fact]
    public void Signing_in_forgets_the_accounts_failures_but_not_the_clients()
    {
        var throttle = Throttle();
        FailTimes(throttle, Attacker, Account, 4);
        FailTimes(throttle, "192.0.2.1", Account, 1);
        throttle.Begin(Owner, Account, knownBrowser: false)!.SignedIn();

        // The account starts from nothing: a client with one failure is not held back by it.
        FailTimes(throttle, "192.0.2.1", Account, 1);
        // The attacker's own failures stand: one more is free, the next waits.
        FailTimes(throttle, Attacker, "OTHER@EXAMPLE.ORG", 1);
        Assert.Null(throttle.Begin(Attacker, "OTHER@EXAMPLE.ORG", knownBrowser: false));
    }

    [Fact]
    public void Failures_are_forgotten_after_a_quiet_window()
    {
        var throttle = Throttle();
        FailTimes(throttle, Attacker, Account, 5);
        Assert.Null(throttle.Begin(Attacker, Account, knownBrowser: false));

        clock.Advance(settings.Forget + TimeSpan.FromSeconds(1));

        FailTimes(throttle, Attacker, Account, 5);
    }

    [Fact]
    public void The_owner_is_told_once_when_the_failures_add_up_and_again_only_after_a_quiet_window()
    {
        var throttle = Throttle();
        var alerts = new List<bool>();
        for (var i = 0; i < 12; i++)
        {
            // Each failure from a client of its own, so none waits.
            alerts.Add(throttle.Begin($"192.0.2.{i}", Account, knownBrowser: false)!.Failed());
        }
        Assert.Equal([false, false, false, false, true, false, false, false, false, false, false, false], alerts);

        clock.Advance(settings.Forget + TimeSpan.FromSeconds(1));
        var later = Enumerable.Range(0, 5).Select(i => throttle.Begin($"198.51.100.{i}", Account, knownBrowser: false)!.Failed());
        Assert.Equal([false, false, false, false, true], later);
    }

    [Fact]
    public void An_attempt_that_ends_in_an_error_counts_nothing()
    {
        var throttle = Throttle();
        FailTimes(throttle, Attacker, Account, 4);
        using (throttle.Begin(Attacker, Account, knownBrowser: false))
        {
            // the password check threw: nothing told
        }

        FailTimes(throttle, Attacker, Account, 1);
        Assert.Null(throttle.Begin(Attacker, Account, knownBrowser: false));
    }

    [Fact]
    public void A_flood_of_addresses_keeps_at_most_the_configured_number_in_memory_and_the_newest_still_count()
    {
        settings.MaxRecords = 100;
        var throttle = Throttle();
        for (var i = 0; i < 1_000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            throttle.Begin($"10.0.{i / 256}.{i % 256}", $"USER{i}@EXAMPLE.ORG", knownBrowser: false)!.Failed();
        }

        FailTimes(throttle, Attacker, Account, 4);
        Assert.NotNull(throttle.Begin(Attacker, Account, knownBrowser: false));
        Assert.Null(throttle.Begin(Attacker, Account, knownBrowser: false));
    }

    /// <summary>Fails <paramref name="times"/> times; each attempt must be let through.</summary>
    private static void FailTimes(LoginThrottle throttle, string client, string account, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var attempt = throttle.Begin(client, account, knownBrowser: false);
            Assert.True(attempt is not null, $"Attempt {i + 1} of {times} from {client} on {account} had to wait.");
            attempt.Failed();
        }
    }

    private sealed class Clock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
