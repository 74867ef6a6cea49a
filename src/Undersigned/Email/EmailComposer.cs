using MimeKit;
using Undersigned.Data;

namespace Undersigned.Email;

/// <summary>
/// Builds the messages of one kind for a batch of outbox rows, at send time. A row whose subject is gone (an
/// expired signature, say) gets no message and is closed without sending.
/// </summary>
public interface IEmailComposer
{
    string Kind { get; }

    /// <summary>
    /// Whether a message whose sender died mid-send is given up rather than sent again: for email where a
    /// duplicate is worse than a loss (updates, which no signer may get twice). Confirmations keep at-least-once.
    /// </summary>
    bool NeverTwice => false;

    Task<Dictionary<long, MimeMessage>> ComposeAsync(IReadOnlyList<OutboxMessage> rows, UndersignedDb db,
        CancellationToken ct);
}
