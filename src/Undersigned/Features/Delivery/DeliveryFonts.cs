using System.Collections.Concurrent;

namespace Undersigned.Features.Delivery;

/// <summary>
/// The fonts of the delivery PDF: Debian's Noto fonts (SIL Open Font License), read from <c>Delivery:FontFolder</c>
/// (<c>/usr/share/fonts</c> by default). A character is drawn in the first font of the list that has it: Noto Sans
/// (Latin, Greek, Cyrillic), then Arabic, Hebrew, Devanagari, CJK and colour emoji, then every other Noto Sans that
/// is installed, for the scripts beyond those. The PDF embeds what it uses, so the target's reader needs none.
/// </summary>
public sealed class DeliveryFonts
{
    public const string DefaultFolder = "/usr/share/fonts";

    /// <summary>The fonts the PDF needs, regular and bold, and the Debian package of each.</summary>
    private static readonly (string Regular, string Bold, string Package)[] Needed =
    [
        ("truetype/noto/NotoSans-Regular.ttf", "truetype/noto/NotoSans-Bold.ttf", "fonts-noto-core"),
        ("truetype/noto/NotoSansArabic-Regular.ttf", "truetype/noto/NotoSansArabic-Bold.ttf", "fonts-noto-core"),
        ("truetype/noto/NotoSansHebrew-Regular.ttf", "truetype/noto/NotoSansHebrew-Bold.ttf", "fonts-noto-core"),
        ("truetype/noto/NotoSansDevanagari-Regular.ttf", "truetype/noto/NotoSansDevanagari-Bold.ttf", "fonts-noto-core"),
        ("opentype/noto/NotoSansCJK-Regular.ttc", "opentype/noto/NotoSansCJK-Bold.ttc", "fonts-noto-cjk"),
        ("truetype/noto/NotoColorEmoji.ttf", "truetype/noto/NotoColorEmoji.ttf", "fonts-noto-color-emoji"),
    ];

    private static readonly ConcurrentDictionary<string, Lazy<DeliveryFonts>> Loaded = new();

    private DeliveryFonts(string folder)
    {
        var others = Directory.EnumerateFiles(Path.Combine(folder, "truetype/noto"), "NotoSans*-Regular.ttf")
            .Select(f => Path.GetRelativePath(folder, f))
            .Where(f => !Needed.Any(n => n.Regular == f))
            .Order(StringComparer.Ordinal)
            .Select(f => (Regular: f, Bold: File.Exists(Path.Combine(folder, f.Replace("-Regular", "-Bold", StringComparison.Ordinal)))
                ? f.Replace("-Regular", "-Bold", StringComparison.Ordinal) : f))
            .ToList();
        var all = Needed.Select(n => (n.Regular, n.Bold)).Concat(others).ToList();
        Regular = new FontFallback(all.Select(f => Path.Combine(folder, f.Regular)).ToList());
        Bold = new FontFallback(all.Select(f => Path.Combine(folder, f.Bold)).ToList());
    }

    internal FontFallback Regular { get; }

    internal FontFallback Bold { get; }

    /// <summary>The fonts in the folder, loaded once per process; fails with what to install when one is missing.</summary>
    public static DeliveryFonts In(string? folder)
    {
        folder = string.IsNullOrWhiteSpace(folder) ? DefaultFolder : folder;
        var missing = Needed.SelectMany(n => new[] { (File: n.Regular, n.Package), (File: n.Bold, n.Package) })
            .Where(n => !File.Exists(Path.Combine(folder, n.File))).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The delivery PDF needs the Noto fonts, and {string.Join(", ", missing.Select(m => m.File))} is not in {folder}. "
                + $"On Debian: apt-get install {string.Join(' ', missing.Select(m => m.Package).Distinct())}; "
                + "elsewhere set Delivery:FontFolder to a folder that holds them in the same layout.");
        }
        return Loaded.GetOrAdd(folder, f => new Lazy<DeliveryFonts>(() => new DeliveryFonts(f))).Value;
    }
}
