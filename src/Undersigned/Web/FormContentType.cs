using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Undersigned.Web;

/// <summary>The kinds of body a request's Content-Type announces, as far as reading a form goes.</summary>
public enum BodyKind
{
    /// <summary>No Content-Type at all.</summary>
    None,

    /// <summary>Some media type that is not a form (JSON, text, an unreadable header).</summary>
    Other,
    UrlEncoded,
    Multipart,
}

/// <summary>
/// What a request's Content-Type says about its body, checked before a byte of the body is read: one header, and
/// for a form, UTF-8 (the only charset the pages send) and a multipart boundary RFC 2046 allows.
/// </summary>
public static class FormContentType
{
    /// <summary>RFC 2046 allows boundaries of 1 to 70 characters.</summary>
    public const int MaxBoundaryLength = 70;

    public static (BodyKind Kind, FormRefusal? Refusal) Classify(HttpRequest request)
    {
        var header = request.Headers.ContentType;
        if (header.Count == 0)
        {
            return (BodyKind.None, null);
        }
        if (header.Count > 1)
        {
            return (BodyKind.Other, FormRefusal.BadRequest("it has more than one Content-Type"));
        }
        if (!MediaTypeHeaderValue.TryParse(header.ToString(), out var type))
        {
            return (BodyKind.Other, null);
        }
        var kind = type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ? BodyKind.UrlEncoded
            : type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ? BodyKind.Multipart
            : BodyKind.Other;
        if (kind == BodyKind.Other)
        {
            return (kind, null);
        }
        if (type.Charset.HasValue && !HeaderUtilities.RemoveQuotes(type.Charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return (kind, FormRefusal.Unsupported("its form is in a charset other than UTF-8"));
        }
        if (kind == BodyKind.Multipart && HeaderUtilities.RemoveQuotes(type.Boundary) is var boundary
            && (StringSegment.IsNullOrEmpty(boundary) || boundary.Length > MaxBoundaryLength))
        {
            return (kind, FormRefusal.BadRequest("its multipart boundary is missing or longer than 70 characters"));
        }
        return (kind, null);
    }
}
