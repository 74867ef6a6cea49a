using System.Data.Common;

namespace Undersigned.Features.Signing;

/// <summary>
/// The "Direct" intake (<c>Intake:Mode=Direct</c>): each request writes its own signature in its own transaction,
/// as a batch of one through the same <see cref="SignatureBatchWriter"/> the batched intake uses, so both modes
/// store exactly the same rows. It is the baseline the batched intake is measured against. The writer blocks while
/// the database works, here on the request's thread (the batched intake runs it on a thread of its own): the price
/// of one definition of the signature's transaction, paid only by this mode, which is off by default.
/// </summary>
public sealed class DirectIntake(SignatureBatchWriter writer) : ISignatureIntake
{
    public Task<SignOutcome> SubmitAsync(SignatureRequest request, CancellationToken ct)
    {
        try
        {
            return Task.FromResult(writer.Write([request])[0]);
        }
        catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException { InnerException: DbException })
        {
            throw new IntakeUnavailableException("The database did not take the signature.", e);
        }
    }
}
