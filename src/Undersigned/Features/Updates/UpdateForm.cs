namespace Undersigned.Features.Updates;

/// <summary>The update form as typed; <see cref="UpdateRules.Check"/> turns it into something to store.</summary>
public sealed class UpdateForm
{
    public string? Title { get; set; }
    public string? Body { get; set; }
}

/// <summary>An update ready to post: trimmed, within the stored lengths.</summary>
public sealed record UpdateText(string Title, string Body);

public static class UpdateRules
{
    public const int TitleMax = 200;
    public const int BodyMax = 20_000;

    /// <summary>The cleaned update, or the errors by field name. Markdown is stored as written and sanitized when shown.</summary>
    public static (UpdateText? Update, List<(string Field, string Message)> Errors) Check(UpdateForm form)
    {
        var errors = new List<(string, string)>();
        var title = form.Title?.Trim() ?? "";
        var body = form.Body?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() ?? "";
        Require(nameof(UpdateForm.Title), title, TitleMax, multiline: false, "Give the update a title.");
        Require(nameof(UpdateForm.Body), body, BodyMax, multiline: true, "Write the update.");
        return (errors.Count == 0 ? new UpdateText(title, body) : null, errors);

        void Require(string field, string text, int max, bool multiline, string missing)
        {
            var allowed = multiline ? "\n\t" : "";
            if (text.Length == 0)
            {
                errors.Add((field, missing));
            }
            else if (text.Length > max)
            {
                errors.Add((field, $"This is {text.Length:N0} characters long; the most is {max:N0}."));
            }
            else if (text.Any(c => char.IsControl(c) && !allowed.Contains(c, StringComparison.Ordinal)))
            {
                errors.Add((field, "This contains characters that cannot be stored, such as control characters."));
            }
        }
    }
}
