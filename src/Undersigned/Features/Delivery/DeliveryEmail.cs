using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Undersigned.Data;
using Undersigned.Email;

namespace Undersigned.Features.Delivery;

/// <summary>The email to a petition's target: what the petition asks, how many signed, and links to the package.</summary>
public sealed class DeliveryEmail(IOptions<EmailOptions> email, PublicUrls urls, TargetLinks links) : IEmailComposer
{
    public string Kind => DeliverPetition.EmailKind;

    public async Task<Dictionary<long, MimeMessage>> ComposeAsync(IReadOnlyList<OutboxMessage> rows, UndersignedDb db,
        CancellationToken ct)
    {
        var ids = rows.Select(r => r.SubjectId).OfType<long>().Select(id => (int)id).ToList();
        var petitions = await db.Petitions.AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.TargetEmail != null)
            .ToDictionaryAsync(p => (long)p.Id, ct);
        var messages = new Dictionary<long, MimeMessage>();
        foreach (var row in rows)
        {
            if (row.SubjectId is not { } id || !petitions.TryGetValue(id, out var p))
            {
                continue; // the target's address was removed since
            }
            var (token, expires) = links.Create(p.Id);
            var link = $"{urls.Base}/delivery/{Uri.EscapeDataString(token)}";
            var rendered = EmailTemplates.Render(Kind, CultureInfo.GetCultureInfo(p.Locale), new Dictionary<string, string>
            {
                ["TargetName"] = p.TargetName,
                ["PetitionTitle"] = p.Title,
                ["SignatureCount"] = p.SignatureCount.ToString("N0", CultureInfo.GetCultureInfo(p.Locale)),
                ["PdfUrl"] = $"{link}/package.pdf",
                ["CsvUrl"] = $"{link}/signers.csv",
                ["PetitionUrl"] = urls.Petition(p.Slug),
                ["Expires"] = expires.ToString("D", CultureInfo.GetCultureInfo(p.Locale)),
            });
            messages[row.Id] = EmailEnvelope.Create(p.EmailFrom ?? email.Value.From, p.EmailReplyTo, p.TargetName, p.TargetEmail!, rendered);
        }
        return messages;
    }
}
