using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace Undersigned.Email;

public sealed record RenderedEmail(string Subject, string Text, string Html);

/// <summary>
/// Email bodies from text files embedded in the project (<c>Email/Templates/{name}.{language}.txt|html</c>), one pair
/// per language: translating an email is adding two files. The text file's first line is "Subject: ...".
/// Values are filled into <c>{{Name}}</c> placeholders, HTML-encoded in the HTML part; <c>html</c>
/// fragments (already sanitized, such as rendered Markdown) go into the HTML part as they are.
/// </summary>
public static partial class EmailTemplates
{
    private static readonly ConcurrentDictionary<string, string?> Cache = new();

    public static RenderedEmail Render(string name, CultureInfo culture, IReadOnlyDictionary<string, string> values,
        IReadOnlyDictionary<string, IHtmlContent>? html = null)
    {
        var language = culture.TwoLetterISOLanguageName;
        var text = Load($"{name}.{language}.txt") ?? Load($"{name}.en.txt")
            ?? throw new InvalidOperationException($"No email template {name}.en.txt");
        var htmlTemplate = Load($"{name}.{language}.html") ?? Load($"{name}.en.html")
            ?? throw new InvalidOperationException($"No email template {name}.en.html");
        var layout = Load("layout.html")!;

        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var subject = Fill(text[..newline].Replace("Subject:", "", StringComparison.Ordinal).Trim(), values, encode: false);
        var body = Fill(text[(newline + 1)..].TrimStart('\n'), values, encode: false);
        var htmlBody = Fill(layout.Replace("{{Body}}", htmlTemplate, StringComparison.Ordinal), values, encode: true, html)
            .Replace("{{Subject}}", WebUtility.HtmlEncode(subject), StringComparison.Ordinal)
            .Replace("{{Language}}", language, StringComparison.Ordinal);
        return new RenderedEmail(subject, body, htmlBody);
    }

    // One pass over the template: a value that itself looks like {{Placeholder}} is written as typed, never filled.
    private static string Fill(string template, IReadOnlyDictionary<string, string> values, bool encode,
        IReadOnlyDictionary<string, IHtmlContent>? html = null) =>
        Placeholder().Replace(template, m =>
            html is not null && html.TryGetValue(m.Groups[1].Value, out var fragment) ? Write(fragment)
            : values.TryGetValue(m.Groups[1].Value, out var value) ? encode ? WebUtility.HtmlEncode(value) : value
            : m.Value);

    private static string Write(IHtmlContent fragment)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        fragment.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    private static string? Load(string file) => Cache.GetOrAdd(file, static f =>
    {
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream($"email/{f}");
        return stream is null ? null : new StreamReader(stream).ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    });

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Placeholder();
}
