using System.Globalization;
using System.Text;

namespace Undersigned.Features.Partners;

/// <summary>Where the next page starts (after this signature id), and the total counted when paging began.</summary>
public sealed record PagePosition(long AfterId, int? Total);

/// <summary>
/// The partner API's opaque cursor. It carries the last signature id of the previous page, and the total of the
/// first page so that later pages do not count a million rows again. Clients pass it back as they got it; anything
/// that does not decode to exactly that shape is refused, never guessed at.
/// </summary>
public static class PageCursor
{
    private const string Tag = "after:";

    public static string Encode(long lastId, int total) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(
                Tag + lastId.ToString(CultureInfo.InvariantCulture) + "/" + total.ToString(CultureInfo.InvariantCulture)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The first page without a cursor; null for a cursor that is not one of ours.</summary>
    public static PagePosition? Decode(string? cursor)
    {
        if (cursor is null)
        {
            return new PagePosition(0, null);
        }
        if (cursor.Length is 0 or > 60)
        {
            return null;
        }
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        var bytes = new byte[45];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
        {
            return null;
        }
        var text = Encoding.ASCII.GetString(bytes, 0, length);
        if (!text.StartsWith(Tag, StringComparison.Ordinal) || text.IndexOf('/', StringComparison.Ordinal) is not (var slash and > 0))
        {
            return null;
        }
        return long.TryParse(text.AsSpan(Tag.Length, slash - Tag.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            && id > 0 && Encode(id, total) == cursor
            ? new PagePosition(id, total) : null;
    }
}
