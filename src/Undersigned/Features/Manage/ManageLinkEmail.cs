using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Undersigned.Data;
using Undersigned.Email;
using Undersigned.Features.Signing;

namespace Undersigned.Features.Manage;

/// <summary>
/// The email a signer asked for on the lost-link page: a fresh private link to their signature. The same email in
/// other words, from its own template, tells a signer who signed again that they had (<see cref="AlreadySignedEmail"/>).
/// </summary>
public class ManageLinkEmail(IOptions<EmailOptions> email, IOptions<SigningOptions> signing, PublicUrls urls,
    TimeProvider clock) : IEmailComposer
{
    /// <summary>The kind of outbox row, and the name of its template.</summary>
    public virtual string Kind => ManageLinks.Kind;

    public async Task<Dictionary<long, MimeMessage>> ComposeAsync(IReadOnlyList<OutboxMessage> rows, UndersignedDb db,
        CancellationToken ct)
    {
        var ids = rows.Select(r => r.SignatureId).OfType<long>().ToList();
        var signatures = await db.Signatures.AsNoTracking()
            .Where(s => ids.Contains(s.Id) && s.Status != SignatureStatus.Withdrawn)
            .Join(db.Petitions, s => s.PetitionId, p => p.Id, (s, p) => new
            {
                s.Id, s.FirstName, s.LastName, s.Email, s.Locale, p.Slug, p.Title, p.EmailFrom, p.EmailReplyTo,
            })
            .ToDictionaryAsync(x => x.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var messages = new Dictionary<long, MimeMessage>();
        foreach (var row in rows)
        {
            if (row.SignatureId is not { } id || !signatures.TryGetValue(id, out var s))
            {
                continue; // withdrawn since it was asked for, or erased with its petition
            }
            var token = ManageLinks.Create(db, id, now, signing.Value.ManageLinkLifetime);
            var rendered = EmailTemplates.Render(Kind, CultureInfo.GetCultureInfo(s.Locale), new Dictionary<string, string>
            {
                ["FirstName"] = s.FirstName,
                ["PetitionTitle"] = s.Title,
                ["ManageUrl"] = $"{urls.Petition(s.Slug)}/manage/{token}",
            });
            messages[row.Id] = EmailEnvelope.Create(s.EmailFrom ?? email.Value.From, s.EmailReplyTo,
                $"{s.FirstName} {s.LastName}", s.Email, rendered);
        }
        await db.SaveChangesAsync(ct);
        return messages;
    }
}
