namespace Undersigned.Features.Staff;

/// <summary>
/// One sign-in attempt the throttle let through. Its outcome is told exactly once: <see cref="Failed"/>,
/// <see cref="Passed"/> (the password was right and a second step follows) or <see cref="SignedIn"/>; disposing
/// it untold (an error) counts nothing.
/// </summary>
public sealed class LoginAttempt : IDisposable
{
    private readonly LoginThrottle throttle;
    private readonly Failures byClient;
    private readonly Failures byAccount;
    private bool told;

    internal LoginAttempt(LoginThrottle throttle, Failures byClient, Failures byAccount) =>
        (this.throttle, this.byClient, this.byAccount) = (throttle, byClient, byAccount);

    /// <summary>A wrong password or code; true when the account's owner should now be emailed.</summary>
    public bool Failed() => Tell() && throttle.Fail(byClient, byAccount);

    public void Passed()
    {
        if (Tell())
        {
            throttle.Release(byClient, byAccount, signedIn: false);
        }
    }

    public void SignedIn()
    {
        if (Tell())
        {
            throttle.Release(byClient, byAccount, signedIn: true);
        }
    }

    public void Dispose() => Passed();

    private bool Tell()
    {
        var first = !told;
        told = true;
        return first;
    }
}
