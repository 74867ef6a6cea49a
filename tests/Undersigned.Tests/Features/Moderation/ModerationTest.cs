using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Moderation;

/// <summary>
/// The app with its background invalidations held back (they run at start only), so a test takes each batch
/// itself and can stop between two.
/// </summary>
public sealed class ModerationApp : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Moderation:InvalidationPoll"] = "01:00:00",
        ["Moderation:InvalidationBatchSize"] = "2",
    };
}

/// <summary>What the moderation tests share: a petition of their own, led by the demo's lead, and signatures in given states.</summary>
public abstract class ModerationTest(PerDatabase<ModerationApp> apps, ITestOutputHelper output) : IntegrationTest<ModerationApp>(apps, output)
{
    protected const string Lead = "undersigned-coalition";
    protected const string OtherOrganization = "daily-kos";

    protected Task<(string Slug, int Id)> AddPetitionAsync(CountingPolicy policy = CountingPolicy.AtOnce) => App.QueryAsync(async db =>
    {
        var slug = $"mod-{Guid.NewGuid():N}"[..20];
        var petition = new Petition
        {
            Slug = slug, Title = "Fix the crosswalk signals", TargetName = "Traffic Engineer", Summary = "Safer crossings.",
            Body = "People wait too long.", Goal = 1000, Status = PetitionStatus.Open, CreatedAt = DateTime.UtcNow,
            CountingPolicy = policy,
        };
        petition.Sponsorships.Add(new Sponsorship
        {
            Role = SponsorRole.Lead, Organization = await db.Organizations.SingleAsync(o => o.Slug == Lead),
        });
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        return (slug, petition.Id);
    });

    /// <summary>
    /// <paramref name="n"/> signatures stored as the intake stores them (with the petition's tallies kept), at
    /// <paramref name="domain"/>; returns their ids.
    /// </summary>
    protected Task<List<long>> AddSignaturesAsync(int petitionId, int n, SignatureStatus status, string domain = "example.org",
        string? burst = null, HoldReason? reason = null, string? flags = null, string firstName = "Ada") => App.QueryAsync(async db =>
    {
        var rows = Enumerable.Range(0, n).Select(i =>
        {
            var email = $"{firstName.ToLowerInvariant()}.{Guid.NewGuid():N}@{domain}";
            return new Signature
            {
                PetitionId = petitionId, FirstName = firstName, LastName = $"Signer {i}", Email = email, NormalizedEmail = email,
                PostalCode = "60601", Country = "US", Locale = "en", CreatedAt = DateTime.UtcNow, Status = status,
                HeldForReview = status == SignatureStatus.Held || reason is not null, HoldReason = reason, BurstId = burst,
                ReviewFlags = flags, ConfirmedAt = status == SignatureStatus.Pending ? null : DateTime.UtcNow,
            };
        }).ToList();
        db.Signatures.AddRange(rows);
        await db.SaveChangesAsync();
        var (counted, held) = (status == SignatureStatus.Counted ? n : 0, status == SignatureStatus.Held ? n : 0);
        await db.Petitions.Where(p => p.Id == petitionId).ExecuteUpdateAsync(p => p
            .SetProperty(x => x.SignatureCount, x => x.SignatureCount + counted)
            .SetProperty(x => x.HeldCount, x => x.HeldCount + held));
        return rows.Select(r => r.Id).ToList();
    });

    protected sealed record Tallies(int Counted, int Held, int Invalidated);

    /// <summary>The petition's maintained tallies, and the same counted from its rows: a test expects them equal.</summary>
    protected Task<(Tallies Maintained, Tallies Recounted)> TalliesAsync(int petitionId) => App.QueryAsync(async db =>
    {
        var p = await db.Petitions.AsNoTracking().SingleAsync(x => x.Id == petitionId);
        var rows = await db.Signatures.Where(s => s.PetitionId == petitionId).GroupBy(s => s.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return (new Tallies(p.SignatureCount, p.HeldCount, p.InvalidatedCount),
            new Tallies(rows.GetValueOrDefault(SignatureStatus.Counted), rows.GetValueOrDefault(SignatureStatus.Held),
                rows.GetValueOrDefault(SignatureStatus.Invalidated)));
    });

    protected async Task<Tallies> ExactTalliesAsync(int petitionId)
    {
        var (maintained, recounted) = await TalliesAsync(petitionId);
        Assert.Equal(recounted, maintained);
        return maintained;
    }

    protected Task<List<ModerationEntry>> LogAsync(int petitionId) => App.QueryAsync(db =>
        db.ModerationEntries.AsNoTracking().Where(e => e.PetitionId == petitionId).OrderBy(e => e.Id).ToListAsync());
}
