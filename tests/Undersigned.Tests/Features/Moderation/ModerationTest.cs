using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;
using Undersigned.Features.Moderation;
using Undersigned.Features.Signing;
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

    /// <summary>Opens the dry run for <paramref name="query"/> and presses its Invalidate button; returns the job.</summary>
    protected async Task<long> StartAsync(StaffMember member, string slug, string query, string reason)
    {
        var page = $"/admin/petitions/{slug}/invalidate?{query}";
        var matched = (await member.GetPageAsync(page)).QuerySelector("[data-figure=matched]")!.TextContent;
        using var started = await (await member.FormAsync(page, $"Invalidate {matched} signature{(matched == "1" ? "" : "s")}"))
            .Set("reason", reason).SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var petitionId = await App.QueryAsync(db => db.Petitions.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());
        return await App.QueryAsync(db => db.InvalidationJobs.Where(j => j.PetitionId == petitionId).MaxAsync(j => j.Id));
    }

    protected async Task<bool> StepAsync(long job)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Invalidations>().StepAsync(job, CancellationToken.None);
    }

    /// <summary>Takes the job's batches until it is done; returns how many it took.</summary>
    protected async Task<int> RunAsync(long job)
    {
        var steps = 0;
        while (await StepAsync(job))
        {
            steps++;
            await Task.Yield();
        }
        return steps;
    }

    /// <summary>A confirmation link's token for each signature, stored as the confirmation email stores it.</summary>
    protected Task<List<string>> TokensAsync(IEnumerable<long> signatureIds) => App.QueryAsync(async db =>
    {
        var tokens = new List<string>();
        foreach (var id in signatureIds)
        {
            var (token, hash) = SignerTokens.Create();
            db.SignatureTokens.Add(new SignatureToken
            {
                SignatureId = id, Purpose = TokenPurpose.Confirm, TokenHash = hash, CreatedAt = DateTime.UtcNow,
                ExpiresAt = DateTime.UtcNow.AddDays(7),
            });
            tokens.Add(token);
        }
        await db.SaveChangesAsync();
        return tokens;
    });

    /// <summary>One person signs the form at each place (country and postal code), one after the other, over HTTP.</summary>
    protected async Task SignFromAsync(string slug, IEnumerable<(string Country, string PostalCode)> places)
    {
        foreach (var (country, postalCode) in places)
        {
            using var signer = new Signer(App);
            using var signed = await signer.SignAsync(slug, new SignatureForm { Country = country, PostalCode = postalCode });
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }
    }
}
