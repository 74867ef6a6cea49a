using System.Collections.Frozen;

namespace Undersigned.Features.Petitions;

/// <summary>
/// The US state (or territory) of a ZIP code, by its first three digits: USPS assigns each three-digit prefix (a
/// sectional center) to one state. A handful of ZIP codes near state lines belong to a prefix of the neighbouring
/// state, so a state's total can be off by those few; unassigned prefixes give null.
/// </summary>
public static class UsStates
{
    // First prefix, last prefix, state: from the USPS list of three-digit ZIP prefixes.
    private static readonly (int From, int To, string State)[] Ranges =
    [
        (5, 5, "NY"), (6, 7, "PR"), (8, 8, "VI"), (9, 9, "PR"), (10, 27, "MA"), (28, 29, "RI"), (30, 38, "NH"),
        (39, 49, "ME"), (50, 54, "VT"), (55, 55, "MA"), (56, 59, "VT"), (60, 69, "CT"), (70, 89, "NJ"),
        (90, 99, "AE"), (100, 149, "NY"), (150, 196, "PA"), (197, 199, "DE"), (200, 200, "DC"), (201, 201, "VA"),
        (202, 205, "DC"), (206, 219, "MD"), (220, 246, "VA"), (247, 268, "WV"), (270, 289, "NC"), (290, 299, "SC"),
        (300, 319, "GA"), (320, 339, "FL"), (340, 340, "AA"), (341, 349, "FL"), (350, 369, "AL"), (370, 385, "TN"),
        (386, 397, "MS"), (398, 399, "GA"), (400, 427, "KY"), (430, 459, "OH"), (460, 479, "IN"), (480, 499, "MI"),
        (500, 528, "IA"), (530, 549, "WI"), (550, 567, "MN"), (569, 569, "DC"), (570, 577, "SD"), (580, 588, "ND"),
        (590, 599, "MT"), (600, 629, "IL"), (630, 658, "MO"), (660, 679, "KS"), (680, 693, "NE"), (700, 714, "LA"),
        (716, 729, "AR"), (730, 732, "OK"), (733, 733, "TX"), (734, 749, "OK"), (750, 799, "TX"), (800, 816, "CO"),
        (820, 831, "WY"), (832, 838, "ID"), (840, 847, "UT"), (850, 865, "AZ"), (870, 884, "NM"), (885, 885, "TX"),
        (889, 898, "NV"), (900, 961, "CA"), (962, 966, "AP"), (967, 968, "HI"), (969, 969, "GU"), (970, 979, "OR"),
        (980, 994, "WA"), (995, 999, "AK"),
    ];

    private static readonly FrozenDictionary<int, string> ByPrefix = Ranges
        .SelectMany(r => Enumerable.Range(r.From, r.To - r.From + 1).Select(p => (Prefix: p, r.State)))
        .ToFrozenDictionary(p => p.Prefix, p => p.State);

    public static readonly FrozenDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["AL"] = "Alabama", ["AK"] = "Alaska", ["AZ"] = "Arizona", ["AR"] = "Arkansas", ["CA"] = "California",
        ["CO"] = "Colorado", ["CT"] = "Connecticut", ["DE"] = "Delaware", ["DC"] = "District of Columbia",
        ["FL"] = "Florida", ["GA"] = "Georgia", ["HI"] = "Hawaii", ["ID"] = "Idaho", ["IL"] = "Illinois",
        ["IN"] = "Indiana", ["IA"] = "Iowa", ["KS"] = "Kansas", ["KY"] = "Kentucky", ["LA"] = "Louisiana",
        ["ME"] = "Maine", ["MD"] = "Maryland", ["MA"] = "Massachusetts", ["MI"] = "Michigan", ["MN"] = "Minnesota",
        ["MS"] = "Mississippi", ["MO"] = "Missouri", ["MT"] = "Montana", ["NE"] = "Nebraska", ["NV"] = "Nevada",
        ["NH"] = "New Hampshire", ["NJ"] = "New Jersey", ["NM"] = "New Mexico", ["NY"] = "New York",
        ["NC"] = "North Carolina", ["ND"] = "North Dakota", ["OH"] = "Ohio", ["OK"] = "Oklahoma", ["OR"] = "Oregon",
        ["PA"] = "Pennsylvania", ["RI"] = "Rhode Island", ["SC"] = "South Carolina", ["SD"] = "South Dakota",
        ["TN"] = "Tennessee", ["TX"] = "Texas", ["UT"] = "Utah", ["VT"] = "Vermont", ["VA"] = "Virginia",
        ["WA"] = "Washington", ["WV"] = "West Virginia", ["WI"] = "Wisconsin", ["WY"] = "Wyoming",
        ["PR"] = "Puerto Rico", ["VI"] = "U.S. Virgin Islands", ["GU"] = "Guam", ["AA"] = "Armed Forces Americas",
        ["AE"] = "Armed Forces Europe", ["AP"] = "Armed Forces Pacific",
    }.ToFrozenDictionary();

    /// <summary>The two-letter code of the state a US ZIP code (or its first three digits) is in, or null.</summary>
    public static string? OfZip(string? zip) =>
        zip is { Length: >= 3 } && int.TryParse(zip.AsSpan(0, 3), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var prefix)
            ? ByPrefix.GetValueOrDefault(prefix)
            : null;
}
