using System.Buffers;
using System.Text.Unicode;

namespace Undersigned.Web;

/// <summary>
/// Checks a raw application/x-www-form-urlencoded body. The framework's parser keeps a broken escape ("%zz") as
/// typed and turns bytes that are not UTF-8 into U+FFFD, so either would reach a field as text no one typed.
/// </summary>
public static class UrlEncodedBody
{
    /// <summary>Whether every '%' starts two hex digits and the decoded bytes are UTF-8 (no overlong forms, no surrogates).</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> body)
    {
        var decoded = ArrayPool<byte>.Shared.Rent(Math.Max(body.Length, 1));
        try
        {
            var length = 0;
            for (var i = 0; i < body.Length; i++)
            {
                var b = body[i];
                if (b == '%')
                {
                    var high = i + 2 < body.Length ? HexValue(body[i + 1]) : -1;
                    var low = i + 2 < body.Length ? HexValue(body[i + 2]) : -1;
                    if (high < 0 || low < 0)
                    {
                        return false;
                    }
                    b = (byte)(high << 4 | low);
                    i += 2;
                }
                // '&', '=' and '+' are ASCII, so decoding across them leaves a split character invalid, as it should be.
                decoded[length++] = b;
            }
            return Utf8.IsValid(decoded.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(decoded);
        }
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
