using System.Buffers.Text;
using System.Security.Cryptography;

namespace Undersigned.Features.Signing;

/// <summary>Random link tokens: 32 bytes from the OS's CSPRNG, written base64url, stored only as a SHA-256 hash.</summary>
public static class SignerTokens
{
    public const int Length = 43;

    public static (string Token, byte[] Hash) Create()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        return (Base64Url.EncodeToString(bytes), SHA256.HashData(bytes));
    }

    /// <summary>The hash to look a token up by, or null when the text cannot be a token at all.</summary>
    public static byte[]? HashOf(string? token)
    {
        if (token is null || token.Length != Length || !Base64Url.IsValid(token))
        {
            return null;
        }
        var bytes = new byte[32];
        return Base64Url.TryDecodeFromChars(token, bytes, out var written) && written == 32 ? SHA256.HashData(bytes) : null;
    }
}
