using System.Net;
using Undersigned.Tests.Email;
using Undersigned.Tests.Infrastructure;

namespace Undersigned.Tests.Features.Staff;

/// <summary>
/// The app with sign-in waits far longer than any test (ten minutes), so that "this attempt must wait" holds
/// however slow the machine, and with email going to a real SMTP server.
/// </summary>
public class SlowLoginAppFixture : MailAppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(SettingsFor(Sink))
    {
        ["Staff:Login:ClientFreeFailures"] = "5",
        ["Staff:Login:AccountFreeFailures"] = "5",
        ["Staff:Login:FirstDelay"] = "00:10:00",
        ["Staff:Login:MaxDelay"] = "00:10:00",
    };
}

/// <summary>The app with waits of a fraction of a second, for tests that wait one out.</summary>
public class QuickLoginAppFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Staff:Login:ClientFreeFailures"] = "5",
        ["Staff:Login:AccountFreeFailures"] = "5",
        ["Staff:Login:FirstDelay"] = "00:00:00.200",
        ["Staff:Login:MaxDelay"] = "00:00:00.400",
    };
}

/// <summary>Loopback addresses other than 127.0.0.1, one per simulated client: Linux routes all of 127/8 to the loopback.</summary>
public static class Clients
{
    private static int next;

    public static IPAddress Next()
    {
        var n = Interlocked.Increment(ref next);
        return new IPAddress([127, (byte)(1 + n / 62_500), (byte)(n / 250 % 250), (byte)(2 + n % 250)]);
    }
}
