using System.Globalization;
using System.Text.RegularExpressions;

namespace Undersigned.Features.Updates;

/// <summary>Reading the milestones an organizer types: "1,000, 10,000, 100000", or one per line.</summary>
public static partial class MilestoneRules
{
    public const int MaxMilestones = 20;
    public const int MaxCount = 100_000_000;

    /// <summary>The distinct counts in ascending order, or the error to show beside the field.</summary>
    public static (List<int>? Counts, string? Error) Parse(string? typed)
    {
        var counts = new SortedSet<int>();
        foreach (var item in Separators().Split(typed ?? "").Where(i => i.Length > 0))
        {
            // Digit groups may be written with commas, dots, spaces or apostrophes (1,000 · 1.000 · 1'000).
            var digits = item.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal)
                .Replace("'", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
            if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            {
                return (null, $"“{Shorten(item)}” is not a number of signatures. Write whole numbers, such as 1,000 or 10000.");
            }
            var count = digits.Length > 9 ? int.MaxValue : int.Parse(digits, CultureInfo.InvariantCulture);
            if (count > MaxCount)
            {
                return (null, $"{Shorten(item)} is more than the largest milestone, {MaxCount:N0}.");
            }
            if (count == 0)
            {
                return (null, "A milestone must be at least 1 signature.");
            }
            counts.Add(count);
        }
        return counts.Count > MaxMilestones
            ? (null, $"That is {counts.Count} milestones; the most is {MaxMilestones}.")
            : ([.. counts], null);
    }

    private static string Shorten(string item) => item.Length <= 20 ? item : item[..20] + "…";

    // Items are split at line breaks, semicolons, and at commas or spaces that are not inside a number.
    [GeneratedRegex(@"[\r\n;]+|,\s+|\s+")]
    private static partial Regex Separators();
}
