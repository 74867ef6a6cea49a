using System.Globalization;

namespace Undersigned.Bench.Outbox;

public static class Figures
{
    /// <summary>Figures print the same way whatever the machine's locale.</summary>
    public static void PrintInvariant() =>
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
}
