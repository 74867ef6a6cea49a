using Microsoft.AspNetCore.DataProtection;
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
        var turns = new SignTurns(new AbuseControl(options, new EphemeralDataProtectionProvider(), TimeProvider.System), options);

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
    }
}
