using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Signing;

namespace Undersigned.Features.Manage;

/// <summary>What a signer can change through their manage link, each change in one transaction.</summary>
public sealed class SignatureChoices(UndersignedDb db, TimeProvider clock)
{
    public const string StopSharingWording = "Stop sharing my name and email with {0}";
    public const string StopSharingVersion = "partner-withdraw/1";

    public Task UpdateAsync(long signatureId, bool showNamePublicly, bool wantsUpdates, CancellationToken ct) =>
        db.Signatures.Where(s => s.Id == signatureId && s.Status != SignatureStatus.Withdrawn)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ShowNamePublicly, showNamePublicly)
                .SetProperty(x => x.WantsUpdates, wantsUpdates), ct);

    /// <summary>
    /// Ends an organization's access to this signer: the standing opt-in goes, and the withdrawal is recorded in
    /// the words of the button pressed. False when there was nothing to withdraw.
    /// </summary>
    public async Task<bool> StopSharingAsync(Signature signature, int organizationId, string wording, string locale, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var removed = await db.PartnerOptIns
            .Where(o => o.SignatureId == signature.Id && o.OrganizationId == organizationId).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            return false;
        }
        db.ConsentRecords.Add(Withdrawal(signature, organizationId, wording, locale));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Withdraws the signature: it stops counting (the petition's count drops if it counted), every partner's
    /// access ends, and the personal details are erased. False if it was already withdrawn.
    /// </summary>
    public async Task<bool> WithdrawAsync(Signature signature, string locale, Func<int, string> stopSharingWording, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One conditional UPDATE moves it, so a double submission, or two tabs, withdraw and uncount once.
        if (await SignatureMoves.MoveAsync(db, [signature.Id], SignatureStatus.Withdrawn, ct) == 0)
        {
            return false;
        }
        await db.Signatures.Where(s => s.Id == signature.Id).ExecuteUpdateAsync(Erased, ct);
        var organizations = await db.PartnerOptIns.Where(o => o.SignatureId == signature.Id).Select(o => o.OrganizationId).ToListAsync(ct);
        await db.PartnerOptIns.Where(o => o.SignatureId == signature.Id).ExecuteDeleteAsync(ct);
        db.ConsentRecords.AddRange(organizations.Select(id => Withdrawal(signature, id, stopSharingWording(id), locale)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static void Erased(Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Signature> s) => s
        .SetProperty(x => x.FirstName, "")
        .SetProperty(x => x.LastName, "")
        .SetProperty(x => x.Email, "")
        .SetProperty(x => x.NormalizedEmail, x => "withdrawn:" + x.Id)
        .SetProperty(x => x.PostalCode, (string?)null)
        .SetProperty(x => x.Comment, (string?)null)
        .SetProperty(x => x.ShowNamePublicly, false)
        .SetProperty(x => x.WantsUpdates, false);

    private ConsentRecord Withdrawal(Signature signature, int organizationId, string wording, string locale) => new()
    {
        SignatureId = signature.Id, PetitionId = signature.PetitionId, OrganizationId = organizationId,
        Action = ConsentAction.Withdrawn, Wording = wording, WordingVersion = StopSharingVersion,
        Page = "manage", Locale = locale, RecordedAt = clock.GetUtcNow().UtcDateTime,
    };
}
