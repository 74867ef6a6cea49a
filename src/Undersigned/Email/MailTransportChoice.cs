namespace Undersigned.Email;

/// <summary>
/// Where email goes. <c>Email:Transport</c> names it, <c>Smtp</c> or <c>DevMailbox</c>; left unset, SMTP when
/// <c>Email:Smtp:Host</c> is set and the development mailbox otherwise. Outside Development the mailbox must be named:
/// a forgotten SMTP host would otherwise keep every confirmation email in the database, unsent, without a word.
/// </summary>
public static class MailTransportChoice
{
    public const string Setting = "Email:Transport";
    public const string Smtp = "Smtp";
    public const string DevMailbox = "DevMailbox";
    private const string Host = "Email:Smtp:Host";

    public static bool UsesSmtp(IConfiguration config) =>
        config[Setting] is { Length: > 0 } named
            ? named.Equals(Smtp, StringComparison.OrdinalIgnoreCase)
            : !string.IsNullOrWhiteSpace(config[Host]);

    /// <summary>Why the web server may not start with this choice, in one line; null when it may.</summary>
    public static string? Refusal(IConfiguration config, IHostEnvironment environment)
    {
        var named = config[Setting];
        if (!string.IsNullOrEmpty(named) && !named.Equals(Smtp, StringComparison.OrdinalIgnoreCase)
            && !named.Equals(DevMailbox, StringComparison.OrdinalIgnoreCase))
        {
            return $"{Setting} is '{named}': set it to {Smtp} (with Email__Smtp__Host) or {DevMailbox}.";
        }
        if (UsesSmtp(config) && string.IsNullOrWhiteSpace(config[Host]))
        {
            return $"{Setting} is {Smtp} but {Host} is not set: set Email__Smtp__Host to the SMTP server's name.";
        }
        return string.IsNullOrEmpty(named) && !UsesSmtp(config) && !environment.IsDevelopment()
            ? $"No email transport is configured: set {Host} (Email__Smtp__Host, with Port, Username, Password) to send email, "
              + $"or Email__Transport={DevMailbox} to keep every email in the database, unsent."
            : null;
    }
}
