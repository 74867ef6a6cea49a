using PdfSharp.Fonts;

namespace Undersigned.Features.Delivery;

/// <summary>
/// The fonts of the delivery PDF: Liberation Sans (SIL Open Font License) from Debian's fonts-liberation package,
/// read from <c>Delivery:FontFolder</c>. PDFsharp finds no fonts by itself on Linux, and embeds a subset of these
/// in the PDF, so the target's reader needs none installed.
/// </summary>
public sealed class DeliveryFonts : IFontResolver
{
    public const string Family = "Liberation Sans";
    public const string DefaultFolder = "/usr/share/fonts/truetype/liberation";

    private static readonly Lock Installing = new();
    private static readonly Dictionary<string, string> Files = new()
    {
        ["regular"] = "LiberationSans-Regular.ttf",
        ["bold"] = "LiberationSans-Bold.ttf",
        ["italic"] = "LiberationSans-Italic.ttf",
    };

    private readonly string folder;

    private DeliveryFonts(string folder) => this.folder = folder;

    /// <summary>Checks the font files are there and hands them to PDFsharp, once per process (PDFsharp allows only one resolver).</summary>
    public static void Install(string? folder)
    {
        folder = string.IsNullOrWhiteSpace(folder) ? DefaultFolder : folder;
        var missing = Files.Values.Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The delivery PDF needs the Liberation fonts, and {string.Join(", ", missing)} is not in {folder}. "
                + "On Debian: apt-get install fonts-liberation; elsewhere set Delivery:FontFolder to a folder that holds them.");
        }
        lock (Installing)
        {
            GlobalFontSettings.FontResolver ??= new DeliveryFonts(folder);
        }
    }

    // Every family asked for is drawn in Liberation Sans: the PDF uses no other.
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "bold" : italic ? "italic" : "regular");

    public byte[]? GetFont(string faceName) =>
        Files.TryGetValue(faceName, out var file) ? File.ReadAllBytes(Path.Combine(folder, file)) : null;
}
