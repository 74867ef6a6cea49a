namespace Undersigned.Commands;

/// <summary><c>--name value</c> pairs and bare <c>--flag</c>s of an operator command.</summary>
public sealed class CommandOptions
{
    private readonly Dictionary<string, string?> values = new(StringComparer.OrdinalIgnoreCase);

    public static CommandOptions Parse(string[] args)
    {
        var options = new CommandOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options.values[args[i][2..]] = hasValue ? args[++i] : null;
        }
        return options;
    }

    public string? this[string name] => values.GetValueOrDefault(name);

    public bool Has(string name) => values.ContainsKey(name);
}
