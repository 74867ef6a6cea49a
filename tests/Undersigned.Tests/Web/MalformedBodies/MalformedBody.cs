using System.Text;

namespace Undersigned.Tests.Web.MalformedBodies;

/// <summary>
/// What goes on the wire: the Content-Type header lines (none, one, or a duplicate), the body, and the
/// Content-Length claimed when it is not the body's own.
/// </summary>
public sealed record BodySent(string[] ContentTypes, byte[] Body, long? ClaimedLength = null)
{
    /// <summary>HttpClient sends one Content-Type and the true length; anything else goes over a raw socket.</summary>
    public bool NeedsSocket => ContentTypes.Length > 1 || ClaimedLength is not null;
}

/// <summary>
/// One way of getting a body wrong, built from a form that would otherwise be sound (its token, its fields), and
/// the statuses it may get: 415 for a charset or media type the app does not take, 400 for a body it cannot parse,
/// 413 for one over the limit.
/// </summary>
public sealed record MalformedBody(string Name, int[] Statuses, Func<PostRoute, IReadOnlyList<KeyValuePair<string, string>>, BodySent> Build)
{
    private const string Form = "application/x-www-form-urlencoded";
    private const string Boundary = "----UndersignedBoundary7MA4YWxkTrZu0gW";

    public override string ToString() => Name;

    public static readonly MalformedBody[] All =
    [
        new("charset=utf-7", [415], (_, f) => new([$"{Form}; charset=utf-7"], UrlEncoded(f))),
        new("charset=bogus", [415], (_, f) => new([$"{Form}; charset=bogus"], UrlEncoded(f))),
        new("charset=utf-16 on a UTF-8 body", [415], (_, f) => new([$"{Form}; charset=utf-16"], UrlEncoded(f))),
        new("multipart without its closing boundary", [400], (_, f) =>
        {
            var whole = Multipart(f, Boundary);
            return new([$"multipart/form-data; boundary={Boundary}"], whole[..^(Boundary.Length + 10)]);
        }),
        new("multipart with no boundary", [400], (_, f) => new(["multipart/form-data"], Multipart(f, Boundary))),
        new("multipart with a boundary of 71 characters", [400], (_, f) =>
        {
            var boundary = new string('b', 71);
            return new([$"multipart/form-data; boundary={boundary}"], Multipart(f, boundary));
        }),
        new("multipart with a part in charset=utf-7", [415], (_, f) =>
            new([$"multipart/form-data; boundary={Boundary}"], Multipart(f, Boundary, partType: "text/plain; charset=utf-7"))),
        new("multipart with a value that is not UTF-8", [400], (_, f) =>
            new([$"multipart/form-data; boundary={Boundary}"], Multipart(f, Boundary, tail: [0xC0, 0xAF]))),
        new("two Content-Type headers", [400, 415], (_, f) => new([Form, Form], UrlEncoded(f))),
        new("a raw 0xFF byte in a value", [400], (_, f) => new([Form], [.. UrlEncoded(f), .. "&Form.Comment=a"u8, 0xFF, 0xFE])),
        new("an overlong UTF-8 encoding (%C0%AF)", [400], (_, f) => new([Form], [.. UrlEncoded(f), .. "&Form.Comment=%C0%AF"u8])),
        new("a surrogate encoded as UTF-8 (%ED%A0%80)", [400], (_, f) => new([Form], [.. UrlEncoded(f), .. "&Form.Comment=%ED%A0%80"u8])),
        new("a field name of 4,096 characters", [400], (_, f) => new([Form], UrlEncoded([.. f, new(new string('k', 4096), "v")]))),
        new("a broken %-escape (%zz)", [400], (_, f) => new([Form], [.. UrlEncoded(f), .. "&Form.Comment=%zz"u8])),
        new("an empty body with a form Content-Type", [400], (_, _) => new([Form], [])),
        new("a body of a media type the route does not take", [415], (route, f) => route.TakesJson
            ? new([Form], UrlEncoded(f))
            : new(["application/json"], Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(f.ToDictionary())))),
        new("an unreadable Content-Type", [415], (_, f) => new(["application/x-www-form-urlencoded; ;=;"], UrlEncoded(f))),
        // 1 MB over the route's own limit, or over the app's 1 MB default: 2 MB for most routes.
        new("a body 1 MB over its limit", [413], (route, f) =>
            new([Form], UrlEncoded([.. f, new("Form.Comment", new string('x', (int)(route.BodyLimit ?? 1024 * 1024) + 1024 * 1024))]))),
    ];

    /// <summary>A body that stops well short of the Content-Length it claims, and no more bytes come.</summary>
    public static BodySent ShorterThanClaimed(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var body = UrlEncoded(fields);
        return new([Form], body, ClaimedLength: body.Length + 16);
    }

    public static byte[] UrlEncoded(IEnumerable<KeyValuePair<string, string>> fields) =>
        Encoding.ASCII.GetBytes(string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")));

    /// <summary>multipart/form-data as a browser writes it; <paramref name="tail"/> is appended to the last value.</summary>
    private static byte[] Multipart(IReadOnlyList<KeyValuePair<string, string>> fields, string boundary, string? partType = null, byte[]? tail = null)
    {
        var body = new MemoryStream();
        for (var i = 0; i < fields.Count; i++)
        {
            var type = partType is null ? "" : $"Content-Type: {partType}\r\n";
            body.Write(Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"{fields[i].Key}\"\r\n{type}\r\n{fields[i].Value}"));
            if (i == fields.Count - 1 && tail is not null)
            {
                body.Write(tail);
            }
            body.Write("\r\n"u8);
        }
        body.Write(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"));
        return body.ToArray();
    }
}
