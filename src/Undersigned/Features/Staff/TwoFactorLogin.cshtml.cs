using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>The second step for staff who turned on two-factor sign-in: the code from their authenticator app.</summary>
public sealed class TwoFactorLoginModel(SignInManager<StaffUser> signIn, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the code from your authenticator app."), MaxLength(16)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Staff/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Staff/Login");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var code = Code!.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(StaffHome.After(ReturnUrl, Url));
        }
        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? text["Too many failed attempts. This account is locked for 15 minutes."]
            : text["That code is not right. Codes change every 30 seconds."]);
        Response.StatusCode = result.IsLockedOut ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized;
        return Page();
    }
}
