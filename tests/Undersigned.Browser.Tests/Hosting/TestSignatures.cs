using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;
using Undersigned.Features.OpenData;

namespace Undersigned.Browser.Tests.Hosting;

/// <summary>
/// Signatures written straight into the app's database as the intake stores them, with the petition's tallies kept
/// and its open-data counters recounted.
/// </summary>
public static class TestSignatures
{
    /// <summary>
    /// <paramref name="n"/> signatures to <paramref name="slug"/> in <paramref name="status"/>, with addresses at
    /// <paramref name="domain"/>; a held one was held for its network address, in <paramref name="burst"/>.
    /// </summary>
    public static async Task AddSignaturesAsync(this AppHost app, string slug, int n, SignatureStatus status,
        string domain = "example.org", string? burst = null, string firstName = "Ada", string country = "US", string? postalCode = "60601",
        DateTime? signedAt = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        var petitionId = await db.Petitions.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync();
        var held = status == SignatureStatus.Held;
        db.Signatures.AddRange(Enumerable.Range(0, n).Select(i =>
        {
            var email = $"{firstName.ToLowerInvariant()}.{i}.{Guid.NewGuid():N}@{domain}";
            return new Signature
            {
                PetitionId = petitionId, FirstName = firstName, LastName = $"Signer {i}", Email = email, NormalizedEmail = email,
                PostalCode = postalCode, Country = country, Locale = "en", CreatedAt = signedAt ?? DateTime.UtcNow, Status = status,
                HeldForReview = held, HoldReason = held ? HoldReason.Address : null, BurstId = held ? burst : null,
                ConfirmedAt = DateTime.UtcNow,
            };
        }));
        await db.SaveChangesAsync();
        await db.Petitions.Where(p => p.Id == petitionId).ExecuteUpdateAsync(p => p
            .SetProperty(x => x.SignatureCount, x => x.SignatureCount + (status == SignatureStatus.Counted ? n : 0))
            .SetProperty(x => x.HeldCount, x => x.HeldCount + (held ? n : 0)));
        await scope.ServiceProvider.GetRequiredService<CounterRecount>().RunAsync(fix: true, CancellationToken.None, slug);
    }
}
