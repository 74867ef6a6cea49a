using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Email;

namespace Undersigned.Features.Signing;

public enum SignOutcome
{
    /// <summary>Stored and counted (a petition that counts at once).</summary>
    Counted,

    /// <summary>Stored; counts once the signer opens the link we emailed.</summary>
    ConfirmationSent,

    /// <summary>Stored, but held for staff review (over a rate limit) and not counted yet.</summary>
    HeldForReview,

    /// <summary>
    /// The address had signed: nothing stored but an address request, which the background answers by email (the
    /// confirmation again, or a note with the manage link). The signer is answered as for a first signature.
    /// </summary>
    SignedBefore,
}

/// <summary>
/// Stores one validated signature in one transaction: the row, and either its count or its confirmation email.
/// The unique index on (petition, normalized email) decides duplicates, so racing submissions still count once.
/// This is the "Direct" intake, one transaction per request: simple, and the baseline the batched intake is
/// measured against.
/// </summary>
public sealed class SignPetition(UndersignedDb db, OutboxSignal outbox, AddressRequestResolver addressRequests, TimeProvider clock)
    : ISignatureIntake
{
    public async Task<SignOutcome> SubmitAsync(SignatureRequest request, CancellationToken ct)
    {
        try
        {
            return await RunAsync(request, ct);
        }
        catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException { InnerException: DbException })
        {
            throw new IntakeUnavailableException("The database did not take the signature.", e);
        }
    }

    /// <summary>
    /// Where a new signature starts: waiting for its email confirmation, counted at once, or held for review.
    /// A held signature under double opt-in still confirms first, and is held when it does.
    /// </summary>
    public static SignatureStatus InitialStatus(CountingPolicy policy, Review review) =>
        policy == CountingPolicy.OnConfirmation ? SignatureStatus.Pending
        : review.Hold ? SignatureStatus.Held
        : SignatureStatus.Counted;

    public async Task<SignOutcome> RunAsync(SignatureRequest request, CancellationToken ct)
    {
        var (petitionId, policy, s, locale, review, referral, _, _) = request;
        review ??= Review.None;
        var now = clock.GetUtcNow().UtcDateTime;
        var status = InitialStatus(policy, review);
        var requests = status == SignatureStatus.Pending ? 1 : 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = await db.Database.SqlQuery<long>($"""
            INSERT INTO signatures (petition_id, first_name, last_name, email, normalized_email, postal_code, country,
                                    comment, show_name_publicly, wants_updates, locale, created_at, status,
                                    confirmed_at, confirmation_requested_at, confirmation_requests, held_for_review,
                                    review_flags, source, source_organization_id)
            VALUES ({petitionId}, {s.FirstName}, {s.LastName}, {s.Email}, {s.NormalizedEmail}, {s.PostalCode},
                    {s.Country}, {s.Comment}, {s.ShowNamePublicly}, {s.WantsUpdates}, {locale}, {now}, {status.ToString()},
                    {(status == SignatureStatus.Pending ? null : now)}, {(requests > 0 ? now : null)}, {requests},
                    {review.Hold}, {review.Flags}, {referral?.Source}, {referral?.Organization.Id})
            ON CONFLICT (petition_id, normalized_email) DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(ct);

        if (ids.Count == 1)
        {
            PartnerConsents.Record(db, ids[0], request, now);
            await db.SaveChangesAsync(ct);
        }
        SignOutcome outcome;
        if (ids.Count == 1 && status == SignatureStatus.Counted)
        {
            await db.Petitions.Where(p => p.Id == petitionId)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.SignatureCount, x => x.SignatureCount + 1), ct);
            outcome = SignOutcome.Counted;
        }
        else if (ids.Count == 1 && status == SignatureStatus.Held)
        {
            outcome = SignOutcome.HeldForReview;
        }
        else if (ids.Count == 1)
        {
            await ConfirmationRequests.EnqueueAsync(db, ids[0], now, ct);
            outcome = SignOutcome.ConfirmationSent;
        }
        else
        {
            // Whether and what to email this address is decided in the background, not while the signer waits.
            await AddressRequests.AddAsync(db, petitionId, AddressRequestPurpose.SignedAgain, s.NormalizedEmail, now, ct);
            outcome = SignOutcome.SignedBefore;
        }
        await transaction.CommitAsync(ct);
        if (outcome == SignOutcome.ConfirmationSent)
        {
            outbox.Wake();
        }
        else if (outcome == SignOutcome.SignedBefore)
        {
            addressRequests.Wake();
        }
        return outcome;
    }
}
