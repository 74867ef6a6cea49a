using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Undersigned.Data;

namespace Undersigned.Features.Staff;

/// <summary>
/// The password check for an address no account has. Identity's own hasher, with the same settings, checks the
/// password against a hash of a random one, so a failure costs the same work (PBKDF2) whether or not the account
/// exists and the answer's timing does not tell the two apart. The hash is made once, as the login form is first shown.
/// </summary>
public sealed class UnknownAccount
{
    private static readonly StaffUser Nobody = new();
    private readonly PasswordHasher<StaffUser> hasher;
    private readonly string hash;

    public UnknownAccount(IOptions<PasswordHasherOptions> options)
    {
        hasher = new PasswordHasher<StaffUser>(options);
        hash = hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
    }

    public Microsoft.AspNetCore.Identity.SignInResult Check(string password)
    {
        hasher.VerifyHashedPassword(Nobody, hash, password);
        return Microsoft.AspNetCore.Identity.SignInResult.Failed;
    }
}
