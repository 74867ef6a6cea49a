using System.Text;
using Microsoft.AspNetCore.Antiforgery;

namespace Undersigned.Features.Signing;

/// <summary>
/// The two values of the sign form that belong to one visitor: the antiforgery token and the stamp of when the form
/// was shown. Pages write these placeholders instead, and <see cref="PetitionPageCache"/> puts each visitor's own
/// values in their place as the page is sent. So the HTML a page renders, cached or not, never holds anyone's token.
/// </summary>
public sealed class VisitorFields(IAntiforgery antiforgery, AbuseControl abuse)
{
    // Made up at start: what a page shows (a signer's name, the petition's text) cannot contain them by design.
    public static readonly string TokenPlaceholder = "vt" + Guid.NewGuid().ToString("N");
    public static readonly string ShownAtPlaceholder = "vs" + Guid.NewGuid().ToString("N"); // the same length

    /// <summary>A rendered page cut at its placeholders, ready to be sent with any visitor's values.</summary>
    public sealed record Template(byte[] Html, int[] Cuts, bool[] IsToken);

    public static Template Cut(byte[] html)
    {
        var text = Encoding.UTF8.GetString(html);
        var cuts = new List<(int At, bool IsToken)>();
        foreach (var (placeholder, isToken) in new[] { (TokenPlaceholder, true), (ShownAtPlaceholder, false) })
        {
            for (var i = text.IndexOf(placeholder, StringComparison.Ordinal); i >= 0;
                 i = text.IndexOf(placeholder, i + placeholder.Length, StringComparison.Ordinal))
            {
                // Placeholders are ASCII, so a character offset before one converts to its byte offset.
                cuts.Add((Encoding.UTF8.GetByteCount(text.AsSpan(0, i)), isToken));
            }
        }
        cuts.Sort();
        return new Template(html, cuts.Select(c => c.At).ToArray(), cuts.Select(c => c.IsToken).ToArray());
    }

    /// <summary>Writes the page with this visitor's token (setting their antiforgery cookie if they have none) and stamp.</summary>
    public async Task WriteAsync(HttpContext context, Template page)
    {
        var token = page.Cuts.Length == 0 ? "" : antiforgery.GetAndStoreTokens(context).RequestToken ?? "";
        var shownAt = page.Cuts.Length == 0 ? "" : abuse.StampForm();
        var values = (Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(shownAt));
        context.Response.ContentLength = page.Html.Length - page.Cuts.Length * TokenPlaceholder.Length
            + page.IsToken.Sum(isToken => isToken ? values.Item1.Length : values.Item2.Length);
        var body = context.Response.BodyWriter;
        var from = 0;
        for (var i = 0; i < page.Cuts.Length; i++)
        {
            await body.WriteAsync(page.Html.AsMemory(from, page.Cuts[i] - from));
            await body.WriteAsync(page.IsToken[i] ? values.Item1 : values.Item2);
            from = page.Cuts[i] + TokenPlaceholder.Length;
        }
        await body.WriteAsync(page.Html.AsMemory(from));
    }
}
