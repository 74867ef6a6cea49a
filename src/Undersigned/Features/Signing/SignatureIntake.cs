namespace Undersigned.Features.Signing;

/// <summary>
/// Where the sign form hands a validated signature. The answer comes only once the signature is durable.
/// Two ways to get there, both writing through <see cref="SignatureBatchWriter"/>: batches written by one writer
/// per instance (<see cref="BatchedIntake"/>, the default), or a batch of one per request
/// (<see cref="DirectIntake"/>, "Direct"), chosen by <c>Intake:Mode</c>.
/// </summary>
public interface ISignatureIntake
{
    /// <exception cref="IntakeUnavailableException">The signature was not stored: the queue is full or the database is away.</exception>
    Task<SignOutcome> SubmitAsync(SignatureRequest request, CancellationToken ct);
}

/// <summary>The signature was not stored, and the signer should try again shortly (503 with Retry-After).</summary>
public sealed class IntakeUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
