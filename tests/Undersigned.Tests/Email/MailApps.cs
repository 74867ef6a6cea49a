using System.Globalization;
using System.Text.RegularExpressions;
using MimeKit;
using Undersigned.Tests.Infrastructure;

namespace Undersigned.Tests.Email;

/// <summary>An app whose email goes to a real SMTP server on loopback, for the tests of one class.</summary>
public partial class MailAppFixture : AppFixture
{
    public SmtpSink Sink { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => SettingsFor(Sink);

    protected override bool DemoCountsAtOnce => false;

    /// <summary>SMTP to the sink, and short waits so that retries and polling happen within a test.</summary>
    public static Dictionary<string, string?> SettingsFor(SmtpSink sink) => new()
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:UseTls"] = "false",
        ["Email:From"] = "Undersigned <petitions@undersigned.test>",
        ["Email:PollInterval"] = "00:00:00.200",
        ["Email:RetryBase"] = "00:00:00.500",
        ["Email:RetryMax"] = "00:00:01",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
    }

    /// <summary>The token of the confirmation link in a message, for the given petition.</summary>
    public static string ConfirmationToken(MimeMessage message, string slug)
    {
        var match = Regex.Match(message.TextBody ?? "", $@"/p/{Regex.Escape(slug)}/confirm/([A-Za-z0-9_-]{{43}})");
        Assert.True(match.Success, $"No confirmation link for {slug} in:\n{message.TextBody}");
        return match.Groups[1].Value;
    }

    /// <summary>The token of the private manage link in a message, for the given petition.</summary>
    public static string ManageToken(MimeMessage message, string slug)
    {
        var match = Regex.Match(message.TextBody ?? "", $@"/p/{Regex.Escape(slug)}/manage/([A-Za-z0-9_-]{{43}})");
        Assert.True(match.Success, $"No manage link for {slug} in:\n{message.TextBody}");
        return match.Groups[1].Value;
    }
}
