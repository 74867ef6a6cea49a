using Undersigned.Data;

namespace Undersigned.Features.Signing;

/// <summary>
/// One validated signature on its way to the database, with what the petition's rules say about it, the link that
/// brought the signer, and the organizations they agreed to share their name and email with (on the page
/// <paramref name="Page"/>). Consents are kept only with a new signature: a second submission with someone's
/// address cannot hand that person to an organization.
/// </summary>
public sealed record SignatureRequest(int PetitionId, CountingPolicy Policy, ValidSignature Signature, string Locale,
    Review? Review = null, Referral? Referral = null, IReadOnlyList<PartnerConsent>? Consents = null, string? Page = null);

/// <summary>
/// Where the sign form hands a validated signature. The answer comes only once the signature is durable.
/// Two ways to get there: one transaction per request (<see cref="SignPetition"/>, "Direct"), or batches written
/// by one writer per instance (<see cref="BatchedIntake"/>, the default), chosen by <c>Intake:Mode</c>.
/// </summary>
public interface ISignatureIntake
{
    /// <exception cref="IntakeUnavailableException">The signature was not stored: the queue is full or the database is away.</exception>
    Task<SignOutcome> SubmitAsync(SignatureRequest request, CancellationToken ct);
}

/// <summary>The signature was not stored, and the signer should try again shortly (503 with Retry-After).</summary>
public sealed class IntakeUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

public enum IntakeMode
{
    Batched,
    Direct,
}

/// <summary>Configuration under <c>Intake:</c>.</summary>
public sealed class IntakeOptions
{
    public IntakeMode Mode { get; set; } = IntakeMode.Batched;

    /// <summary>Signatures waiting for the writer; past this, new ones are refused at once with 503.</summary>
    public int QueueCapacity { get; set; } = 5_000;

    /// <summary>Most signatures written in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 256;
}
