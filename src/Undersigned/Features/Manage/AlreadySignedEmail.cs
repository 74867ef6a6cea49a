using Microsoft.Extensions.Options;
using Undersigned.Email;
using Undersigned.Features.Signing;

namespace Undersigned.Features.Manage;

/// <summary>
/// To a signer whose address was used on the sign form again: they had already signed, nothing changed, and here is
/// the private link to their signature. The sign form answers the same for a first signature, so this email is the
/// only place that says the address had signed, and it goes only to that address.
/// </summary>
public sealed class AlreadySignedEmail(IOptions<EmailOptions> email, IOptions<SigningOptions> signing, PublicUrls urls,
    TimeProvider clock) : ManageLinkEmail(email, signing, urls, clock)
{
    public override string Kind => ManageLinks.SignedAgainKind;
}
