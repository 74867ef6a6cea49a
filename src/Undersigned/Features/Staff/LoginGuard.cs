using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>
/// The throttle as the sign-in forms use it: the client is the request's network address (after the trusted
/// proxies, <c>Web/ProxyHeaders.cs</c>; a whole /64 for IPv6, which one household holds), a browser that signed in
/// to the account before is known by a data-protected cookie, and the owner is emailed about repeated failures.
/// </summary>
public sealed class LoginGuard(LoginThrottle throttle, LoginAlerts alerts, IDataProtectionProvider protection,
    IOptions<LoginOptions> options)
{
    public const string BrowserCookie = "undersigned-staff-browser";

    private readonly ITimeLimitedDataProtector browsers =
        protection.CreateProtector("Undersigned.Staff.KnownBrowser").ToTimeLimitedDataProtector();

    /// <summary>An attempt on <paramref name="account"/> (a normalized user name), or null: too many attempts.</summary>
    public LoginAttempt? Begin(HttpContext context, string account) =>
        throttle.Begin(ClientOf(context), account, Knows(context, account));

    /// <summary>A wrong password or code; the owner of an existing account is emailed once the failures add up.</summary>
    public void Failed(LoginAttempt attempt, StaffUser? user)
    {
        if (attempt.Failed() && user is not null)
        {
            alerts.Raise(user.Id);
        }
    }

    /// <summary>Signed in: the account's failures are forgotten and this browser is known to it from now on.</summary>
    public void SignedIn(HttpContext context, LoginAttempt attempt, string account)
    {
        attempt.SignedIn();
        context.Response.Cookies.Append(BrowserCookie, browsers.Protect(account, options.Value.KnownBrowserLifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            MaxAge = options.Value.KnownBrowserLifetime,
        });
    }

    private bool Knows(HttpContext context, string account)
    {
        if (context.Request.Cookies[BrowserCookie] is not { Length: > 0 } cookie)
        {
            return false;
        }
        try
        {
            return browsers.Unprotect(cookie) == account;
        }
        catch (CryptographicException)
        {
            return false; // expired, or not one of ours
        }
    }

    private static string ClientOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
