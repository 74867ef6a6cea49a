using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Undersigned.Web;

/// <summary>
/// Public JSON (or any public body: the open data's CSVs) that a CDN or a browser may keep for a second, with an
/// ETag from its bytes, so a reader polling a count gets 304 Not Modified until it changes.
/// </summary>
public static class CacheableJson
{
    public static IResult Create<T>(HttpContext context, T value, int maxAgeSeconds = 1)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return Bytes(context, JsonSerializer.SerializeToUtf8Bytes(value, options), "application/json; charset=utf-8", maxAgeSeconds);
    }

    public static IResult Bytes(HttpContext context, byte[] body, string contentType, int maxAgeSeconds = 1)
    {
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body), 0, 8)}\"");
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromSeconds(maxAgeSeconds) };
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false) || tag.Equals(EntityTagHeaderValue.Any)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Bytes(body, contentType);
    }
}
