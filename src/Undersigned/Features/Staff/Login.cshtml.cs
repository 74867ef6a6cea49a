using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>
/// Staff sign in with email and password. An unknown address and a wrong password get the same answer, after the
/// same work; repeated failures slow the client that makes them (<see cref="LoginThrottle"/>), never lock the owner out.
/// </summary>
public sealed class LoginModel(SignInManager<StaffUser> signIn, LoginGuard guard, UnknownAccount unknown,
    IStringLocalizer<SharedResource> text) : PageModel
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
        var email = Email!.Trim();
        var account = signIn.UserManager.NormalizeName(email);
        // Decided before the account is looked up, so that the wait says nothing about whether it exists.
        using var attempt = guard.Begin(HttpContext, account);
        if (attempt is null)
        {
            return Refuse(StatusCodes.Status429TooManyRequests, text["Too many attempts. Try again in a few minutes."]);
        }
        var user = await signIn.UserManager.FindByNameAsync(email);
        var result = user is null
            ? unknown.Check(Password!)
            : await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            guard.SignedIn(HttpContext, attempt, account);
            return LocalRedirect(StaffHome.After(ReturnUrl, Url));
        }
        if (result.RequiresTwoFactor)
        {
            attempt.Passed();
            return RedirectToPage("/Staff/TwoFactorLogin", new { ReturnUrl });
        }
        guard.Failed(attempt, user);
        return Refuse(StatusCodes.Status401Unauthorized, text["That email and password do not match an account."]);
    }

    private PageResult Refuse(int status, string message)
    {
        ModelState.AddModelError(nameof(Password), message);
        Response.StatusCode = status;
        return Page();
    }
}
