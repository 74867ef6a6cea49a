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
/// QR code drawn here (no third-party service sees it), and shows recovery codes once.
/// </summary>
[Authorize(Policy = StaffPolicies.AnyStaff)]
public sealed class TwoFactorSetupModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the code from your authenticator app."), MaxLength(16)]
    public string? Code { get; set; }

    public bool Enabled { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string QrCode { get; private set; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await ShowAsync(await CurrentAsync());

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await CurrentAsync();
        if (ModelState.IsValid)
        {
            var code = Code!.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.SetTwoFactorEnabledAsync(user, true);
                RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 8) ?? []];
                await signIn.RefreshSignInAsync(user);
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
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    private async Task<StaffUser> CurrentAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in staff member has no account.");

    private async Task<IActionResult> ShowAsync(StaffUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (!Enabled)
        {
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
        }
        return Page();
    }
}
