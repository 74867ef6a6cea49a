namespace Undersigned.Features.Signing;

/// <summary>What a signer typed into the sign form, exactly as it arrived.</summary>
public sealed class SignForm
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; }
    public string? Comment { get; set; }
    public bool ShowNamePublicly { get; set; }
    public bool WantsUpdates { get; set; }

    /// <summary>The tracked link the signer arrived by (<c>?source=</c>), carried through the form.</summary>
    public string? Source { get; set; }

    /// <summary>Slugs of the organizations whose "share my name and email" box was ticked.</summary>
    public List<string> ShareWith { get; set; } = [];

    /// <summary>When the form was shown, stamped by the server (see <see cref="AbuseControl"/>).</summary>
    public string? ShownAt { get; set; }
}

/// <summary>A sign form that passed every rule, in the form it is stored.</summary>
/// <param name="Email">The canonical address of the mailbox (<see cref="EmailAddresses.Read"/>), the one written to.</param>
public sealed record ValidSignature(
    string FirstName,
    string LastName,
    string Email,
    string? PostalCode,
    string Country,
    string? Comment,
    bool ShowNamePublicly,
    bool WantsUpdates)
{
    /// <summary>
    /// The uniqueness key, the same address: the two columns part only when a signature is erased, and the key
    /// becomes a placeholder that frees the address to sign again.
    /// </summary>
    public string NormalizedEmail => Email;
}
