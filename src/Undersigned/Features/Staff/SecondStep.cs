using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>
/// The second step of signing in with two-factor on, whichever proof is typed (an authenticator code or a
/// recovery code): only after a right password, counted against the client and the account like a wrong password
/// when wrong, and answered with the form again, the error beside the field.
/// </summary>
public abstract class SecondStepModel(SignInManager<StaffUser> signIn, LoginGuard guard, IStringLocalizer<SharedResource> text)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The form field the proof is typed into, where its errors go.</summary>
    protected abstract string ProofField { get; }

    /// <summary>What to say when the proof does not sign in.</summary>
    protected abstract string WrongProof { get; }

    /// <summary>Signs in with the typed proof (valid by the field's own rules).</summary>
    protected abstract Task<Microsoft.AspNetCore.Identity.SignInResult> SignInAsync(SignInManager<StaffUser> signIn);

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
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        using var attempt = guard.Begin(HttpContext, user.NormalizedUserName!);
        if (attempt is null)
        {
            return Refuse(StatusCodes.Status429TooManyRequests, text["Too many attempts. Try again in a few minutes."]);
        }
        if ((await SignInAsync(signIn)).Succeeded)
        {
            guard.SignedIn(HttpContext, attempt, user.NormalizedUserName!);
            return LocalRedirect(StaffHome.After(ReturnUrl, Url));
        }
        guard.Failed(attempt, user);
        return Refuse(StatusCodes.Status401Unauthorized, text[WrongProof]);
    }

    private PageResult Refuse(int status, string message)
    {
        ModelState.AddModelError(ProofField, message);
        Response.StatusCode = status;
        return Page();
    }
}
