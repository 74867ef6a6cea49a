using Microsoft.AspNetCore.WebUtilities;

namespace Undersigned.Web;

/// <summary>
/// Reads a posted form once, in full, and says what is wrong with it, if anything. Every way the framework's parser
/// can fail on a client's bytes becomes a refusal here instead of an exception thrown later, from antiforgery or
/// model binding, where it would be a 500 (and the error page, reading the same cached failure, would fail too).
/// </summary>
public static class PostedForm
{
    public static async Task<FormRefusal?> ReadAsync(HttpRequest request, BodyKind kind, CancellationToken ct)
    {
        try
        {
            if (kind == BodyKind.UrlEncoded)
            {
                var body = await ReadBodyAsync(request, ct);
                if (!UrlEncodedBody.IsWellFormed(body))
                {
                    return FormRefusal.BadRequest("its form has a broken %-escape or bytes that are not UTF-8");
                }
                request.Body = new MemoryStream(body.Array!, body.Offset, body.Count, writable: false);
            }
            var form = await request.ReadFormAsync(ct);
            return Inspect(form, kind);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own verdicts: a body over the endpoint's limit (413), one whose promised bytes stop coming (408).
            return new FormRefusal(e.StatusCode, "its body broke an HTTP rule");
        }
        catch (InvalidDataException)
        {
            return FormRefusal.BadRequest("its form could not be parsed or broke a form limit");
        }
        catch (NotSupportedException)
        {
            // A multipart section that names a charset .NET refuses to decode (UTF-7).
            return FormRefusal.Unsupported("a part of its form is in a charset the app does not decode");
        }
        catch (IOException) when (!ct.IsCancellationRequested)
        {
            // The multipart reader's word for a body that ends before its closing boundary.
            return FormRefusal.BadRequest("its form ended before its closing boundary");
        }
    }

    /// <summary>The whole body, which the endpoint's size limit keeps small (Kestrel stops reading past it).</summary>
    private static async Task<ArraySegment<byte>> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, ct);
        return new ArraySegment<byte>(copy.GetBuffer(), 0, (int)copy.Length);
    }

    private static FormRefusal? Inspect(IFormCollection form, BodyKind kind)
    {
        foreach (var (key, values) in form)
        {
            // The url-encoded parser enforces this limit itself; the multipart one leaves names to its header limit.
            if (key.Length > FormReader.DefaultKeyLengthLimit)
            {
                return FormRefusal.BadRequest("a field name of its form is over the limit");
            }
            // Multipart values are decoded with replacement: U+FFFD is where the bytes were not UTF-8.
            if (kind == BodyKind.Multipart && values.Any(v => v?.Contains('\uFFFD', StringComparison.Ordinal) == true))
            {
                return FormRefusal.BadRequest("its form has bytes that are not UTF-8");
            }
        }
        return null;
    }
}
