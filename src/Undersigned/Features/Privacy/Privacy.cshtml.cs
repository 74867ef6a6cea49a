using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Undersigned.Features.Signing;

namespace Undersigned.Features.Privacy;

/// <summary>The privacy page, written from the running configuration so that what it promises is what the code does.</summary>
public sealed class PrivacyModel(IOptions<PrivacyOptions> privacy, IOptions<RetentionOptions> retention,
    IOptions<SigningOptions> signing) : PageModel
{
    public PrivacyOptions Privacy => privacy.Value;
    public int RetentionDays => (int)retention.Value.AfterClose.TotalDays;
    public int UnconfirmedDays => (int)signing.Value.UnconfirmedSignatureLifetime.TotalDays;

    public void OnGet()
    {
    }
}
