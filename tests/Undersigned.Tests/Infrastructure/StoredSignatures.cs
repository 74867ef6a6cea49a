using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Tests.Infrastructure;

/// <summary>
/// What a database holds after a surge, read straight from its tables: the signature rows of each email on one
/// petition, and every petition's count beside the number of its counted rows.
/// </summary>
public sealed class StoredSignatures
{
    private readonly Dictionary<string, List<SignatureStatus>> byEmail;

    private StoredSignatures(Dictionary<string, List<SignatureStatus>> byEmail, List<PetitionTally> tallies)
    {
        this.byEmail = byEmail;
        Tallies = tallies;
    }

    public sealed record PetitionTally(string Slug, int SignatureCount, int CountedRows);

    public IReadOnlyList<PetitionTally> Tallies { get; }

    public static async Task<StoredSignatures> ReadAsync(TestDatabase database, string slug)
    {
        await using var db = database.Open();
        var rows = await db.Signatures.AsNoTracking()
            .Where(s => db.Petitions.Any(p => p.Id == s.PetitionId && p.Slug == slug))
            .Select(s => new { s.NormalizedEmail, s.Status })
            .ToListAsync();
        var tallies = await db.Petitions.AsNoTracking()
            .Select(p => new PetitionTally(p.Slug, p.SignatureCount,
                db.Signatures.Count(s => s.PetitionId == p.Id && s.Status == SignatureStatus.Counted)))
            .ToListAsync();
        var byEmail = rows.GroupBy(r => r.NormalizedEmail)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Status).ToList());
        return new StoredSignatures(byEmail, tallies);
    }

    /// <summary>How many signature rows hold this email (the tests' emails are already in normalized form).</summary>
    public int RowsOf(string email) => byEmail.TryGetValue(email.ToLowerInvariant(), out var rows) ? rows.Count : 0;

    public IEnumerable<SignatureStatus> StatusesOf(string email) =>
        byEmail.TryGetValue(email.ToLowerInvariant(), out var rows) ? rows : [];

    /// <summary>Emails held by more than one row: there must never be any.</summary>
    public IEnumerable<string> StoredTwice => byEmail.Where(e => e.Value.Count > 1).Select(e => e.Key);

    public int CountOf(string slug) => Tallies.Single(t => t.Slug == slug).SignatureCount;

    /// <summary>Fails unless every petition's count is exactly the number of its counted signatures.</summary>
    public void AssertCountsMatchRows() =>
        Assert.All(Tallies, t => Assert.True(t.SignatureCount == t.CountedRows,
            $"{t.Slug} shows a count of {t.SignatureCount} but holds {t.CountedRows} counted signature(s)."));
}
