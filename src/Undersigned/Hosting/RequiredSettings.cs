using Undersigned.Email;
using Undersigned.Web;

namespace Undersigned.Hosting;

/// <summary>
/// Settings a web server cannot guess. Outside Development it refuses to start without its public address and a
/// choice of email transport, and anywhere with a value it cannot read; it names the setting in one line on stderr
/// and exits 1, before touching the database. Operator commands skip this: they build no link and send no email.
/// </summary>
public static class RequiredSettings
{
    public const int ExitCode = 1;

    public static string? Refusal(WebApplication app) =>
        HttpsOnly.Refusal(app.Configuration)
        ?? PublicUrls.Refusal(app.Configuration, app.Environment)
        ?? MailTransportChoice.Refusal(app.Configuration, app.Environment);

    /// <summary>True when the server may start; otherwise the reason is written to stderr.</summary>
    public static async Task<bool> CheckAsync(WebApplication app)
    {
        if (Refusal(app) is not { } reason)
        {
            return true;
        }
        await Console.Error.WriteLineAsync($"Undersigned will not start ({app.Environment.EnvironmentName}): {reason}");
        return false;
    }
}
