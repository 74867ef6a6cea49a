using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Undersigned.Data;
using Undersigned.Email;
using Undersigned.Features.Petitions;

namespace Undersigned.Features.Updates;

/// <summary>
/// Composes update emails at send time: the update's Markdown, rendered and sanitized as on the page, for the HTML
/// part and as written for the text part, with an unsubscribe link in the body and the one-click header. A signer
/// who unsubscribed or withdrew after the update was queued gets nothing. No signer gets one update twice: a message
/// whose sender died while the mail server had it is given up rather than sent again (see docs/email.md).
/// </summary>
public sealed class UpdateEmail(IOptions<EmailOptions> email, PublicUrls urls, UnsubscribeLinks unsubscribe,
    MarkdownRenderer markdown) : IEmailComposer
{
    public string Kind => PostUpdate.Kind;

    public bool NeverTwice => true;

    public async Task<Dictionary<long, MimeMessage>> ComposeAsync(IReadOnlyList<OutboxMessage> rows, UndersignedDb db,
        CancellationToken ct)
    {
        var signatureIds = rows.Select(r => r.SignatureId).OfType<long>().Distinct().ToList();
        var updateIds = rows.Select(r => r.SubjectId).OfType<long>().Distinct().ToList();
        var signers = await db.Signatures.AsNoTracking()
            .Where(s => signatureIds.Contains(s.Id) && s.WantsUpdates && s.Status == SignatureStatus.Counted && s.Email != "")
            .Select(s => new { s.Id, s.FirstName, s.LastName, s.Email, s.Locale })
            .ToDictionaryAsync(s => s.Id, ct);
        var updates = await db.PetitionUpdates.AsNoTracking().Where(u => updateIds.Contains(u.Id))
            .Join(db.Petitions, u => u.PetitionId, p => p.Id, (u, p) => new
            {
                u.Id, u.Title, u.Body, p.Slug, PetitionTitle = p.Title, p.EmailFrom, p.EmailReplyTo,
            })
            .ToDictionaryAsync(u => u.Id, ct);
        var bodies = updates.Values.ToDictionary(u => u.Id, u => markdown.Render(u.Body));

        var messages = new Dictionary<long, MimeMessage>();
        foreach (var row in rows)
        {
            if (row.SignatureId is not { } signatureId || !signers.TryGetValue(signatureId, out var s)
                || row.SubjectId is not { } updateId || !updates.TryGetValue(updateId, out var u))
            {
                continue; // unsubscribed, withdrawn or erased since it was queued: nothing to send
            }
            var token = unsubscribe.TokenFor(signatureId);
            var rendered = EmailTemplates.Render(Kind, CultureInfo.GetCultureInfo(s.Locale), new Dictionary<string, string>
            {
                ["FirstName"] = s.FirstName,
                ["PetitionTitle"] = u.PetitionTitle,
                ["UpdateTitle"] = u.Title,
                ["UpdateText"] = u.Body,
                ["UpdateUrl"] = $"{urls.Petition(u.Slug)}#update-{u.Id}",
                ["UnsubscribeUrl"] = unsubscribe.PageUrl(token),
            }, new Dictionary<string, IHtmlContent> { ["UpdateHtml"] = bodies[u.Id] });
            messages[row.Id] = EmailEnvelope.Create(u.EmailFrom ?? email.Value.From, u.EmailReplyTo,
                $"{s.FirstName} {s.LastName}", s.Email, rendered, unsubscribe.OneClickUrl(token));
        }
        return messages;
    }
}
