using System.Net.Sockets;
using System.Text;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// An HTTP/1.1 request written byte for byte over a socket, for what HttpClient will not send: a header twice, a
/// body shorter than its Content-Length. The answer is read to the end (the request asks to close).
/// </summary>
public static class RawHttp
{
    public sealed record Answer(int Status, IReadOnlyList<(string Name, string Value)> Headers, string Body)
    {
        public string? Header(string name) =>
            Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
    }

    /// <summary>Sends the head lines (request line first, without Host or Connection) and the body, as they are.</summary>
    public static async Task<Answer> SendAsync(Uri server, IEnumerable<string> head, byte[] body)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var lines = head.Concat([$"Host: {server.Authority}", "Connection: close", "", ""]);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(string.Join("\r\n", lines)));
        await stream.WriteAsync(body);
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer);
        return Parse(answer.ToArray());
    }

    private static Answer Parse(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new InvalidOperationException($"No HTTP answer, only {bytes.Length} bytes: {Encoding.UTF8.GetString(bytes)}");
        }
        var lines = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Select(p => (p[0].Trim(), p[1].Trim())).ToList();
        var chunked = headers.Any(h => h.Item1.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
            && h.Item2.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        var body = bytes.AsSpan(end + 4);
        return new Answer(status, headers, Encoding.UTF8.GetString(chunked ? Unchunk(body) : body));
    }

    /// <summary>The body of a chunked answer: each chunk's size line (hex, in bytes), its bytes, CRLF; a zero size ends it.</summary>
    private static byte[] Unchunk(ReadOnlySpan<byte> body)
    {
        var whole = new MemoryStream();
        while (body.IndexOf("\r\n"u8) is var lineEnd and > 0)
        {
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body[..lineEnd]).Split(';')[0], 16);
            if (size == 0)
            {
                break;
            }
            whole.Write(body.Slice(lineEnd + 2, size));
            body = body[(lineEnd + 2 + size + 2)..];
        }
        return whole.ToArray();
    }
}
