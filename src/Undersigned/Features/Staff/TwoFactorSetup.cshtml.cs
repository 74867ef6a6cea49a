using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>
/// Turning TOTP two-factor sign-in on and off. Identity keeps the shared key; the page shows it as text and as a
/// QR code drawn here (no third-party service sees it), and shows recovery codes once. Turning it off takes the
/// password or a current code, so a browser left signed in is not enough; either change ends every other session.
/// </summary>
[Authorize(Policy = StaffPolicies.AnyStaff)]
public sealed class TwoFactorSetupModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, LoginGuard guard,
    UndersignedDb db, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty, MaxLength(16, ErrorMessage = "Use at most 16 characters.")]
    public string? Code { get; set; }

    [BindProperty, MaxLength(1000, ErrorMessage = "Use at most 1000 characters.")]
    public string? Password { get; set; }

    public bool Enabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string QrCode { get; private set; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await ShowAsync(await CurrentAsync());

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await CurrentAsync();
        if (string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError(nameof(Code), text["Enter the code from your authenticator app."]);
        }
        else if (ModelState.IsValid)
        {
            if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Digits(Code)))
            {
                await users.SetTwoFactorEnabledAsync(user, true);
                RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 8) ?? []];
                await EndOtherSessionsAsync(user);
                return await ShowAsync(user);
            }
            ModelState.AddModelError(nameof(Code), text["That code is not right. Codes change every 30 seconds."]);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await CurrentAsync();
        if (!ModelState.IsValid || (string.IsNullOrEmpty(Password) && string.IsNullOrWhiteSpace(Code)))
        {
            return await RefuseAsync(user, StatusCodes.Status400BadRequest, nameof(Password),
                text["To turn two-factor sign-in off, enter your password or a code from your authenticator app."]);
        }
        using var attempt = guard.Begin(HttpContext, user.NormalizedUserName!);
        if (attempt is null)
        {
            return await RefuseAsync(user, StatusCodes.Status429TooManyRequests, ProofField,
                text["Too many attempts. Try again in a few minutes."]);
        }
        var proven = !string.IsNullOrEmpty(Password)
            ? await users.CheckPasswordAsync(user, Password)
            : await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Digits(Code!));
        if (!proven)
        {
            guard.Failed(attempt, user);
            return await RefuseAsync(user, StatusCodes.Status400BadRequest, ProofField,
                text["That password or code is not right. Two-factor sign-in is still on."]);
        }
        attempt.Passed();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await EndOtherSessionsAsync(user);
        return RedirectToPage();
    }

    private static string Digits(string code) =>
        code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    /// <summary>Both changes renew the security stamp; this session carries the new one, every other session ends.</summary>
    private async Task EndOtherSessionsAsync(StaffUser user)
    {
        await db.EndOtherSessionsAsync(user.Id, User);
        await signIn.RefreshSignInAsync(user);
    }

    /// <summary>The field the staff member proved themselves with: the password when they typed one.</summary>
    private string ProofField => string.IsNullOrEmpty(Password) ? nameof(Code) : nameof(Password);

    private async Task<IActionResult> RefuseAsync(StaffUser user, int status, string field, string message)
    {
        ModelState.AddModelError(field, message);
        Response.StatusCode = status;
        return await ShowAsync(user);
    }

    private async Task<StaffUser> CurrentAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in staff member has no account.");

    private async Task<IActionResult> ShowAsync(StaffUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return Page();
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        SharedKey = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = $"otpauth://totp/Undersigned:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=Undersigned&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(4));
        return Page();
    }
}
