namespace Undersigned.Features.Signing;

/// <summary>What became of one signature the sign form handed to the intake, once it is durable.</summary>
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
