using Microsoft.Playwright;

namespace Undersigned.Browser.Tests.Pages;

/// <summary>
/// Where a signer lands after signing: what to do next and the count they joined. It reads the same for a first
/// signature and for an address that had signed; only the email to that address says which it was.
/// </summary>
public sealed class ThanksPage(IPage page, string slug)
{
    public const string CheckYourEmail = "Check your email";

    public IPage Page => page;

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public Task<int> CountAsync() => PetitionCount.ReadAsync(page);

    /// <summary>Follows the link back to the petition, as a signer would.</summary>
    public Task<PetitionPage> BackToPetitionAsync() => PetitionLink.FollowAsync(page, slug);
}
