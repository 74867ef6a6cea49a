using MimeKit;

namespace Undersigned.Email;

/// <summary>Puts a rendered email into a MIME message with its sender, recipient and list headers.</summary>
public static class EmailEnvelope
{
    /// <param name="unsubscribeUrl">
    /// For email a signer asked for but may stop (updates): adds List-Unsubscribe and List-Unsubscribe-Post
    /// (RFC 8058), so mail clients offer a one-click unsubscribe. Null for transactional email.
    /// </param>
    public static MimeMessage Create(string from, string? replyTo, string toName, string toAddress,
        RenderedEmail email, string? unsubscribeUrl = null)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        if (!string.IsNullOrWhiteSpace(replyTo))
        {
            message.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        }
        message.To.Add(new MailboxAddress(toName, toAddress));
        message.Subject = email.Subject;
        if (unsubscribeUrl is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        return message;
    }
}
