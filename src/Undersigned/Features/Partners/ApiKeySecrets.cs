using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Undersigned.Features.Partners;

/// <summary>A new key: the whole secret, shown once, and what is stored of it.</summary>
public sealed record NewApiKey(string Key, string Prefix, byte[] SecretHash);

/// <summary>
/// The shape of partner API keys: <c>usk_{prefix}_{secret}</c>. The prefix finds the stored key and tells keys
/// apart in the dashboard; the 32 random bytes of the secret make the key unguessable, so one SHA-256 of the whole
/// key is a safe thing to store and a fast thing to check.
/// </summary>
public static partial class ApiKeySecrets
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static NewApiKey Create()
    {
        var prefix = string.Create(10, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
        var key = $"usk_{prefix}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        return new NewApiKey(key, prefix, Hash(key));
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The prefix of a well-formed key, or null for anything else (which is then never looked up).</summary>
    public static string? PrefixOf(string? key) =>
        key is not null && KeyShape().Match(key) is { Success: true } match ? match.Groups[1].Value : null;

    public static bool Matches(string key, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(key), storedHash);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^usk_([a-z2-9]{10})_[A-Za-z0-9_-]{43}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShape();
}
