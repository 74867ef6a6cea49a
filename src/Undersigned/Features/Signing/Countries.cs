using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Undersigned.Features.Signing;

/// <summary>The ISO 3166-1 countries a signer can choose from, named in English and Spanish (from Debian's iso-codes).</summary>
public static class Countries
{
    public sealed record Country(string Code, string En, string Es)
    {
        public string Name(CultureInfo culture) => culture.TwoLetterISOLanguageName == "es" ? Es : En;
    }

    public static IReadOnlyList<Country> All { get; } = Load();

    private static readonly FrozenDictionary<string, Country> ByCode = All.ToFrozenDictionary(c => c.Code);

    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    public static string NameOf(string code, CultureInfo culture) =>
        ByCode.TryGetValue(code, out var country) ? country.Name(culture) : code;

    /// <summary>The country to preselect for this visitor: the one their browser's preferred language names.</summary>
    public static string DefaultFor(HttpRequest request) =>
        DefaultFor(request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.ToString()));

    /// <summary>The country a visitor most likely lives in, from their browser's language (en-GB → GB).</summary>
    public static string DefaultFor(IEnumerable<string> languageTags)
    {
        foreach (var tag in languageTags)
        {
            var dash = tag.LastIndexOf('-');
            if (dash > 0 && ByCode.ContainsKey(tag[(dash + 1)..].ToUpperInvariant()))
            {
                return tag[(dash + 1)..].ToUpperInvariant();
            }
        }
        return "US";
    }

    private static List<Country> Load()
    {
        using var stream = typeof(Countries).Assembly.GetManifestResourceStream("countries.json")
            ?? throw new InvalidOperationException("countries.json is not embedded.");
        return JsonSerializer.Deserialize<List<Country>>(stream, JsonSerializerOptions.Web)!;
    }
}
