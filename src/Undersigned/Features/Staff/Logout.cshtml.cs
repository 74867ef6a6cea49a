using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>Logging out is a POST with the form token, so another site cannot log a staff member out.</summary>
public sealed class LogoutModel(SignInManager<StaffUser> signIn) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
