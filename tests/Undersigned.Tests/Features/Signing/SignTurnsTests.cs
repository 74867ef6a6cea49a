using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Undersigned.Features.Signing;

namespace Undersigned.Tests.Features.Signing;

/// <summary>Sign forms from one network address are handled two at a time; the rest wait, and nothing is refused.</summary>
public sealed class SignTurnsTests
{
    [Fact]
    public async Task A_third_form_from_one_address_waits_for_a_turn_while_other_addresses_go_at_once()
    {
        var options = Options.Create(new AbuseOptions());
        var turns = new SignTurns(new AbuseControl(options, new EphemeralDataProtectionProvider(), TimeProvider.System), options,
            TimeProvider.System, NullLogger<SignTurns>.Instance);

        var first = await turns.WaitAsync("203.0.113.7", CancellationToken.None);
        var second = await turns.WaitAsync("203.0.113.7", CancellationToken.None);
        var third = turns.WaitAsync("203.0.113.7", CancellationToken.None);
        var elsewhere = await turns.WaitAsync("198.51.100.1", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(third.IsCompleted);

        first.Dispose();
        first.Dispose(); // a second dispose gives no extra turn
        var thirdTurn = await third.WaitAsync(TimeSpan.FromSeconds(10));
        var fourth = turns.WaitAsync("203.0.113.7", CancellationToken.None);
        Assert.False(fourth.IsCompleted);

        // One that gives up waiting (the person closed the page) leaves nothing behind.
        using var giveUp = new CancellationTokenSource();
        var fifth = turns.WaitAsync("203.0.113.7", giveUp.Token);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fifth);

        second.Dispose();
        var fourthTurn = await fourth.WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var held in new[] { thirdTurn, fourthTurn, elsewhere })
        {
            held.Dispose();
        }
        Assert.Equal(0, turns.Addresses); // only addresses with a form in progress are kept

        // Requests with no address at all (a Unix socket) never share one turn.
        var unknown = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => turns.WaitAsync(null, CancellationToken.None)))
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, turns.Addresses);
        Array.ForEach(unknown, u => u.Dispose());
    }

    [Fact]
    public async Task Many_forms_waiting_behind_one_address_are_reported_once_with_the_likely_cause()
    {
        var options = Options.Create(new AbuseOptions());
        var log = new Lines();
        var turns = new SignTurns(new AbuseControl(options, new EphemeralDataProtectionProvider(), TimeProvider.System), options,
            TimeProvider.System, log);
        var waits = Enumerable.Range(0, SignTurns.ManyWaiting + 10).Select(_ => turns.WaitAsync("192.0.2.1", CancellationToken.None)).ToList();

        var warning = Assert.Single(log.Written);
        Assert.Contains("Proxy:KnownProxies", warning, StringComparison.Ordinal);
        foreach (var wait in waits)
        {
            (await wait.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        }
        Assert.Equal(0, turns.Addresses);
    }

    private sealed class Lines : ILogger<SignTurns>
    {
        public List<string> Written { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Written.Add(formatter(state, exception));
            }
        }
    }
}
