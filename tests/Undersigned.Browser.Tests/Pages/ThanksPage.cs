using Microsoft.Playwright;

namespace Undersigned.Browser.Tests.Pages;

/// <summary>Where a signer lands after signing: what happened to their signature and the count they joined.</summary>
public sealed class ThanksPage(IPage page, string slug)
{
    public const string CheckYourEmail = "Check your email to confirm";
    public const string ConfirmYourEmail = "You have already signed: confirm your email";
    public const string AlreadySigned = "You have already signed this petition";

    public IPage Page => page;

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public Task<int> CountAsync() => PetitionCount.ReadAsync(page);

    /// <summary>Follows the link back to the petition, as a signer would.</summary>
    public Task<PetitionPage> BackToPetitionAsync() => PetitionLink.FollowAsync(page, slug);
}
