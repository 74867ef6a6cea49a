using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>
/// The second step for staff who turned on two-factor sign-in: the code from their authenticator app. Wrong codes
/// count against the client and the account like wrong passwords, so the six digits cannot be run through.
/// </summary>
public sealed class TwoFactorLoginModel(SignInManager<StaffUser> signIn, LoginGuard guard, IStringLocalizer<SharedResource> text)
    : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the code from your authenticator app."), MaxLength(16)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Staff/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToPage("/Staff/Login");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        using var attempt = guard.Begin(HttpContext, user.NormalizedUserName!);
        if (attempt is null)
        {
            return Refuse(StatusCodes.Status429TooManyRequests, text["Too many attempts. Try again in a few minutes."]);
        }
        var code = Code!.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            guard.SignedIn(HttpContext, attempt, user.NormalizedUserName!);
            return LocalRedirect(StaffHome.After(ReturnUrl, Url));
        }
        guard.Failed(attempt, user);
        return Refuse(StatusCodes.Status401Unauthorized, text["That code is not right. Codes change every 30 seconds."]);
    }

    private PageResult Refuse(int status, string message)
    {
        ModelState.AddModelError(nameof(Code), message);
        Response.StatusCode = status;
        return Page();
    }
}
