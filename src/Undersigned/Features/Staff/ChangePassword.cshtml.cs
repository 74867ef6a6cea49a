using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>
/// A staff member changes their password with the current one. Wrong current passwords count like failed logins, so
/// a browser left signed in is no way to guess it; a change ends every other session of the account.
/// </summary>
[Authorize(Policy = StaffPolicies.AnyStaff)]
public sealed class ChangePasswordModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, LoginGuard guard,
    UndersignedDb db, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your current password."), MaxLength(1000, ErrorMessage = "Use at most 1000 characters.")]
    public string? CurrentPassword { get; set; }

    [BindProperty, Required(ErrorMessage = "Choose a new password."), MaxLength(1000, ErrorMessage = "Use at most 1000 characters.")]
    public string? NewPassword { get; set; }

    [BindProperty, Required(ErrorMessage = "Type the new password again."), MaxLength(1000, ErrorMessage = "Use at most 1000 characters.")]
    public string? ConfirmPassword { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Changed { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Changed = false;
        if (ModelState.IsValid && NewPassword != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), text["The two new passwords are not the same."]);
        }
        if (!ModelState.IsValid)
        {
            return Refuse(StatusCodes.Status400BadRequest);
        }
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in staff member has no account.");
        using var attempt = guard.Begin(HttpContext, user.NormalizedUserName!);
        if (attempt is null)
        {
            ModelState.AddModelError(nameof(CurrentPassword), text["Too many attempts. Try again in a few minutes."]);
            return Refuse(StatusCodes.Status429TooManyRequests);
        }
        var result = await users.ChangePasswordAsync(user, CurrentPassword!, NewPassword!);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            guard.Failed(attempt, user);
            ModelState.AddModelError(nameof(CurrentPassword), text["That is not your current password."]);
            return Refuse(StatusCodes.Status400BadRequest);
        }
        attempt.Passed();
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(NewPassword), error.Code == nameof(IdentityErrorDescriber.PasswordTooShort)
                    ? text["Use at least {0} characters.", users.Options.Password.RequiredLength] : error.Description);
            }
            return Refuse(StatusCodes.Status400BadRequest);
        }
        // The change renewed the security stamp: this session takes the new one, every other session ends.
        await db.EndOtherSessionsAsync(user.Id, User);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { Changed = true });
    }

    private PageResult Refuse(int status)
    {
        Response.StatusCode = status;
        return Page();
    }
}
