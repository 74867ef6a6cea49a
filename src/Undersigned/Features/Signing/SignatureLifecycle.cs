using Undersigned.Data;

namespace Undersigned.Features.Signing;

/// <summary>
/// A signature's states and the moves between them, in one place. Every feature that changes a status (signing,
/// confirming, withdrawing, reviewing, invalidating, importing and undoing paper sheets) asks this type which moves
/// are allowed and what each does to the petition's tallies, and moves rows only through <see cref="SignatureMoves"/>.
/// <code>
///   (new) ──► Pending ──confirm──► Counted ◄──approve── Held ◄──confirm (held)── Pending
///              │  └──never confirmed: deleted by the sweeper
///   any of Pending, Counted, Held ──invalidate / reject──► Invalidated
///   any but Withdrawn ──the signer withdraws──► Withdrawn (personal details erased)
/// </code>
/// Paper signatures start Counted; undoing their batch deletes them.
/// </summary>
public static class SignatureLifecycle
{
    private static readonly Dictionary<SignatureStatus, SignatureStatus[]> Moves = new()
    {
        [SignatureStatus.Pending] = [SignatureStatus.Counted, SignatureStatus.Held, SignatureStatus.Withdrawn, SignatureStatus.Invalidated],
        [SignatureStatus.Counted] = [SignatureStatus.Withdrawn, SignatureStatus.Invalidated],
        [SignatureStatus.Held] = [SignatureStatus.Counted, SignatureStatus.Withdrawn, SignatureStatus.Invalidated],
        [SignatureStatus.Invalidated] = [SignatureStatus.Withdrawn],
        [SignatureStatus.Withdrawn] = [],
    };

    public static bool MayMove(SignatureStatus from, SignatureStatus to) => Moves[from].Contains(to);

    /// <summary>The states a signature may be in to move to <paramref name="to"/>.</summary>
    public static SignatureStatus[] Into(SignatureStatus to) => Moves.Where(m => m.Value.Contains(to)).Select(m => m.Key).ToArray();

    /// <summary>
    /// Where a new signature starts: waiting for its email confirmation, counted at once, or held for review.
    /// A held signature under double opt-in still confirms first, and is held when it does (<see cref="Confirmed"/>).
    /// </summary>
    public static SignatureStatus Initial(CountingPolicy policy, bool hold) =>
        policy == CountingPolicy.OnConfirmation ? SignatureStatus.Pending
        : hold ? SignatureStatus.Held
        : SignatureStatus.Counted;

    /// <summary>Where a pending signature goes when its signer confirms.</summary>
    public static SignatureStatus Confirmed(bool heldForReview) => heldForReview ? SignatureStatus.Held : SignatureStatus.Counted;

    /// <summary>A signature the signer may still manage (see, change, withdraw) through their link.</summary>
    public static bool IsManageable(SignatureStatus status) => status != SignatureStatus.Withdrawn;

    /// <summary>What one signature in <paramref name="status"/> adds to its petition's tallies.</summary>
    public static Tally Of(SignatureStatus status, bool paper) => status switch
    {
        SignatureStatus.Counted => new Tally(1, 0, 0, paper ? 1 : 0),
        SignatureStatus.Held => new Tally(0, 1, 0, 0),
        SignatureStatus.Invalidated => new Tally(0, 0, 1, 0),
        _ => default,
    };

    /// <summary>What moving one signature changes in its petition's tallies.</summary>
    public static Tally Change(SignatureStatus from, SignatureStatus to, bool paper) => Of(to, paper) - Of(from, paper);
}

/// <summary>
/// A change to a petition's maintained figures: <see cref="Petition.SignatureCount"/>, <see cref="Petition.HeldCount"/>,
/// <see cref="Petition.InvalidatedCount"/> and <see cref="Petition.PaperCount"/>.
/// </summary>
public readonly record struct Tally(int Counted, int Held, int Invalidated, int Paper)
{
    public bool IsZero => this == default;

    public static Tally operator +(Tally a, Tally b) =>
        new(a.Counted + b.Counted, a.Held + b.Held, a.Invalidated + b.Invalidated, a.Paper + b.Paper);

    public static Tally operator -(Tally a, Tally b) =>
        new(a.Counted - b.Counted, a.Held - b.Held, a.Invalidated - b.Invalidated, a.Paper - b.Paper);

    public static Tally operator *(int n, Tally t) => new(n * t.Counted, n * t.Held, n * t.Invalidated, n * t.Paper);
}
