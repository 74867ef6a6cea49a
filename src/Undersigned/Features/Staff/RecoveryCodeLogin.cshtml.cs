using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>
/// The second step without the phone: one of the recovery codes shown when two-factor sign-in was turned on.
/// Identity redeems a code as it signs in, so each works once.
/// </summary>
public sealed class RecoveryCodeLoginModel(SignInManager<StaffUser> signIn, LoginGuard guard, IStringLocalizer<SharedResource> text)
    : SecondStepModel(signIn, guard, text)
{
    [BindProperty, Required(ErrorMessage = "Enter one of your recovery codes."), MaxLength(32)]
    public string? RecoveryCode { get; set; }

    protected override string ProofField => nameof(RecoveryCode);

    protected override string WrongProof => "That recovery code is not right, or it was used before.";

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> SignInAsync(SignInManager<StaffUser> signIn) =>
        signIn.TwoFactorRecoveryCodeSignInAsync(Normalize(RecoveryCode!));

    /// <summary>Codes are shown as "XXXXX-XXXXX" in capitals; typed in small letters, with spaces or without the dash, they still match.</summary>
    public static string Normalize(string typed)
    {
        var code = new string([.. typed.Where(char.IsLetterOrDigit)]).ToUpperInvariant();
        return code.Length == 10 ? $"{code[..5]}-{code[5..]}" : code;
    }
}
