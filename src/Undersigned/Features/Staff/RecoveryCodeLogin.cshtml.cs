using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>
/// The second step without the phone: one of the recovery codes shown when two-factor sign-in was turned on.
/// Identity redeems a code as it signs in, so each works once.
/// </summary>
public sealed class RecoveryCodeLoginModel(SignInManager<StaffUser> signIn, LoginGuard guard, IStringLocalizer<SharedResource> text)
    : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter one of your recovery codes."), MaxLength(32)]
    public string? RecoveryCode { get; set; }

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
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Normalize(RecoveryCode!));
        if (result.Succeeded)
        {
            guard.SignedIn(HttpContext, attempt, user.NormalizedUserName!);
            return LocalRedirect(StaffHome.After(ReturnUrl, Url));
        }
        guard.Failed(attempt, user);
        return Refuse(StatusCodes.Status401Unauthorized, text["That recovery code is not right, or it was used before."]);
    }

    /// <summary>Codes are shown as "XXXXX-XXXXX" in capitals; typed in small letters, with spaces or without the dash, they still match.</summary>
    public static string Normalize(string typed)
    {
        var code = new string([.. typed.Where(char.IsLetterOrDigit)]).ToUpperInvariant();
        return code.Length == 10 ? $"{code[..5]}-{code[5..]}" : code;
    }

    private PageResult Refuse(int status, string message)
    {
        ModelState.AddModelError(nameof(RecoveryCode), message);
        Response.StatusCode = status;
        return Page();
    }
}
