using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>
/// The second step for staff who turned on two-factor sign-in: the code from their authenticator app. Wrong codes
/// count against the client and the account like wrong passwords, so the six digits cannot be run through.
/// </summary>
public sealed class TwoFactorLoginModel(SignInManager<StaffUser> signIn, LoginGuard guard, IStringLocalizer<SharedResource> text)
    : SecondStepModel(signIn, guard, text)
{
    [BindProperty, Required(ErrorMessage = "Enter the code from your authenticator app."), MaxLength(16)]
    public string? Code { get; set; }

    protected override string ProofField => nameof(Code);

    protected override string WrongProof => "That code is not right. Codes change every 30 seconds.";

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> SignInAsync(SignInManager<StaffUser> signIn) =>
        signIn.TwoFactorAuthenticatorSignInAsync(
            Code!.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal),
            isPersistent: false, rememberClient: false);
}
