using System.Globalization;
using System.Text;

namespace Undersigned.Features.Partners;

/// <summary>
/// The partner API's opaque cursor: the last signature id of the previous page. Clients pass it back as they got
/// it; anything that does not decode to exactly that shape is refused, never guessed at.
/// </summary>
public static class PageCursor
{
    private const string Tag = "after:";

    public static string Encode(long lastId) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(Tag + lastId.ToString(CultureInfo.InvariantCulture)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The id to continue after: 0 without a cursor, null for a cursor that is not one of ours.</summary>
    public static long? Decode(string? cursor)
    {
        if (cursor is null)
        {
            return 0;
        }
        if (cursor.Length is 0 or > 40)
        {
            return null;
        }
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        var bytes = new byte[30];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
        {
            return null;
        }
        var text = Encoding.ASCII.GetString(bytes, 0, length);
        return text.StartsWith(Tag, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Tag.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && id > 0 && Encode(id) == cursor
            ? id : null;
    }
}
