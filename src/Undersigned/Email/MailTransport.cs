using MimeKit;

namespace Undersigned.Email;

/// <summary>Where composed email goes: an SMTP server, or the development mailbox.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>A delivery that must not be retried: the server refused this message or recipient for good.</summary>
public sealed class PermanentDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
