namespace Undersigned.Features.Signing;

/// <summary>Configuration under <c>Signing:</c>, with the defaults documented in docs/email.md.</summary>
public sealed class SigningOptions
{
    /// <summary>How long a confirmation link works.</summary>
    public TimeSpan ConfirmationLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long an unconfirmed signature is kept before it is deleted.</summary>
    public TimeSpan UnconfirmedSignatureLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long the private manage link in an email works; a new one can be asked for at any time.</summary>
    public TimeSpan ManageLinkLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>The shortest time between two confirmation emails (or two manage links) to one signer.</summary>
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The most confirmation emails one signature may ever cause.</summary>
    public int MaxConfirmationEmails { get; set; } = 5;

    /// <summary>How often expired signatures and links are swept away.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}
