using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Undersigned.Data;
using Undersigned.Email;

namespace Undersigned.Features.Signing;

/// <summary>
/// Composes confirmation emails at send time. Each message gets a fresh token whose hash is stored before the
/// message leaves; earlier links stay valid until they expire, so a retry or a resend never breaks a link that
/// already reached the signer.
/// </summary>
public sealed class ConfirmationEmail(IOptions<EmailOptions> email, IOptions<SigningOptions> signing, PublicUrls urls,
    TimeProvider clock) : IEmailComposer
{
    public string Kind => ConfirmationRequests.Kind;

    public async Task<Dictionary<long, MimeMessage>> ComposeAsync(IReadOnlyList<OutboxMessage> rows, UndersignedDb db,
        CancellationToken ct)
    {
        var signatureIds = rows.Select(r => r.SignatureId).OfType<long>().ToList();
        var signatures = await db.Signatures.AsNoTracking()
            .Where(s => signatureIds.Contains(s.Id) && s.Status == SignatureStatus.Pending)
            .Join(db.Petitions, s => s.PetitionId, p => p.Id, (s, p) => new
            {
                s.Id, s.FirstName, s.LastName, s.Email, s.Locale,
                p.Slug, p.Title, p.TargetName, p.EmailFrom, p.EmailReplyTo,
            })
            .ToDictionaryAsync(x => x.Id, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + signing.Value.ConfirmationLinkLifetime;
        var messages = new Dictionary<long, MimeMessage>();
        foreach (var row in rows)
        {
            if (row.SignatureId is not { } id || !signatures.TryGetValue(id, out var s))
            {
                continue; // confirmed or expired since it was queued: nothing to confirm
            }
            var (token, hash) = SignerTokens.Create();
            db.SignatureTokens.Add(new SignatureToken
            {
                SignatureId = id, Purpose = TokenPurpose.Confirm, TokenHash = hash, CreatedAt = now, ExpiresAt = expires,
            });
            var culture = CultureInfo.GetCultureInfo(s.Locale);
            var rendered = EmailTemplates.Render(Kind, culture, new Dictionary<string, string>
            {
                ["FirstName"] = s.FirstName,
                ["PetitionTitle"] = s.Title,
                ["TargetName"] = s.TargetName,
                ["ConfirmUrl"] = $"{urls.Petition(s.Slug)}/confirm/{token}",
                ["ExpiresOn"] = expires.ToString("D", culture),
                ["ManageUrl"] = $"{urls.Petition(s.Slug)}/manage/{ManageLinks.Create(db, id, now, signing.Value.ManageLinkLifetime)}",
            });
            messages[row.Id] = EmailEnvelope.Create(s.EmailFrom ?? email.Value.From, s.EmailReplyTo,
                $"{s.FirstName} {s.LastName}", s.Email, rendered);
        }
        // The hashes are durable before any link leaves this process.
        await db.SaveChangesAsync(ct);
        return messages;
    }
}
