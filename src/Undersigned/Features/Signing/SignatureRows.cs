using Undersigned.Data;

namespace Undersigned.Features.Signing;

/// <summary>
/// The columns a new signature row is written with and their values, in one place for the batch writer (which both
/// intakes write through): a new column is one name here and one value in <see cref="Values"/>.
/// </summary>
public static class SignatureRows
{
    /// <summary>Where a new signature starts (<see cref="SignatureLifecycle.Initial"/>).</summary>
    public static SignatureStatus InitialStatus(CountingPolicy policy, Review review) =>
        SignatureLifecycle.Initial(policy, review.Hold);

    public static readonly string[] Columns =
    [
        "petition_id", "first_name", "last_name", "email", "normalized_email", "postal_code", "country", "comment",
        "show_name_publicly", "wants_updates", "locale", "created_at", "status", "confirmed_at",
        "confirmation_requested_at", "confirmation_requests", "held_for_review", "review_flags", "source",
        "source_organization_id", "hold_reason", "burst_id",
    ];

    /// <summary>The values of <see cref="Columns"/> for one request, in the same order.</summary>
    public static object?[] Values(SignatureRequest request, DateTime now)
    {
        var (petitionId, policy, s, locale, review, referral, _, _) = request;
        review ??= Review.None;
        var status = InitialStatus(policy, review);
        var pending = status == SignatureStatus.Pending;
        return
        [
            petitionId, s.FirstName, s.LastName, s.Email, s.NormalizedEmail, s.PostalCode, s.Country, s.Comment,
            s.ShowNamePublicly, s.WantsUpdates, locale, now, status.ToString(),
            pending ? null : now, pending ? now : null, pending ? 1 : 0, review.Hold, review.Flags,
            referral?.Source, referral?.Organization.Id, review.Reason?.ToString(), review.BurstId,
        ];
    }
}
