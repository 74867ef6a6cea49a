using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>Staff sign in with email and password; a wrong password five times locks the account for 15 minutes.</summary>
public sealed class LoginModel(SignInManager<StaffUser> signIn, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email address."), MaxLength(256)]
    public string? Email { get; set; }

    [BindProperty, Required(ErrorMessage = "Enter your password."), MaxLength(1000)]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Email!.Trim(), Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(StaffHome.After(ReturnUrl, Url));
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Staff/TwoFactorLogin", new { ReturnUrl });
        }
        // The same words for an unknown address and a wrong password, so the form does not reveal who has an account.
        ModelState.AddModelError(nameof(Password), result.IsLockedOut
            ? text["Too many failed attempts. This account is locked for 15 minutes."]
            : text["That email and password do not match an account."]);
        Response.StatusCode = result.IsLockedOut ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized;
        return Page();
    }
}
