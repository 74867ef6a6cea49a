using System.Net.Http.Headers;

namespace Undersigned.Tests.Infrastructure;

/// <summary>A chosen file of a form's file input.</summary>
internal sealed record FormFile(byte[] Content, string FileName, string ContentType);

/// <summary>The request bodies browsers build from a form's fields, newlines sent as CRLF as browsers send them.</summary>
internal static class FormBodies
{
    public static HttpContent UrlEncoded(IEnumerable<KeyValuePair<string, string>> fields) =>
        new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, Crlf(f.Value))));

    /// <summary>Every file input gets a part, as in a browser: one with no file chosen is sent empty, without a name.</summary>
    public static HttpContent Multipart(IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<(string Name, FormFile? File)> files)
    {
        var body = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            var text = new StringContent(Crlf(value));
            text.Headers.ContentType = null; // browsers label only file parts
            body.Add(text, name);
        }
        foreach (var (name, file) in files)
        {
            var part = new ByteArrayContent(file?.Content ?? []);
            part.Headers.ContentType = new MediaTypeHeaderValue(file?.ContentType ?? "application/octet-stream");
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
            {
                Name = $"\"{name}\"", FileName = $"\"{file?.FileName ?? ""}\"",
            };
            body.Add(part);
        }
        return body;
    }

    private static string Crlf(string value) => value.ReplaceLineEndings("\r\n");
}
