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

    Task<Dictionary<long, MimeMessage>> ComposeAsync(IReadOnlyList<OutboxMessage> rows, UndersignedDb db,
        CancellationToken ct);
}
