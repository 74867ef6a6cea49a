namespace Undersigned.Bench.Outbox;

/// <summary>Made-up signers for the benchmark: plausible lengths, unique addresses on a reserved domain.</summary>
public static class Signers
{
    private static readonly string[] First = ["Aaliyah", "Marcus", "Lucía", "Jamal", "Keisha", "Tomás", "Imani", "Darnell"];
    private static readonly string[] Last = ["Washington", "Rivera", "Johnson", "Okafor", "García", "Williams", "Brooks"];

    public static string FirstName(int i) => First[i % First.Length];

    public static string LastName(int i) => Last[i % Last.Length];

    public static string Email(string tag, int i) => $"signer-{tag}-{i}@example.test";
}
