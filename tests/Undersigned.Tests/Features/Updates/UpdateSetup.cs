using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Tests.Features.Updates;

/// <summary>A petition of its own for each test, led by the demo's lead, with signers in every state stored directly.</summary>
public static class UpdateSetup
{
    public const string Lead = "undersigned-coalition";

    public sealed record Signers(List<string> OptedIn, List<string> NotOptedIn, List<string> NotCounted);

    public static async Task<(int Id, string Slug)> NewPetitionAsync(UndersignedDb db)
    {
        var slug = $"updates-{Guid.NewGuid():N}"[..24];
        var lead = await db.Organizations.SingleAsync(o => o.Slug == Lead);
        var petition = new Petition
        {
            Slug = slug, Title = "Keep the branch libraries open in the evening", TargetName = "City Librarian",
            Summary = "Evening hours for the branches.", Body = "Libraries are where people study after work.",
            Goal = 5_000, Status = PetitionStatus.Open, CountingPolicy = CountingPolicy.AtOnce, CreatedAt = DateTime.UtcNow,
        };
        petition.Sponsorships.Add(new Sponsorship { OrganizationId = lead.Id, Role = SponsorRole.Lead });
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        return (petition.Id, slug);
    }

    /// <summary>
    /// Counted signers who asked for updates, counted signers who did not, and signers who asked but do not count
    /// (pending, held, withdrawn): only the first may ever get an update.
    /// </summary>
    public static async Task<Signers> AddSignersAsync(UndersignedDb db, int petitionId, int optedIn, int notOptedIn = 3)
    {
        var signers = new Signers([], [], []);
        var now = DateTime.UtcNow;
        var rows = new List<Signature>();
        Add(optedIn, signers.OptedIn, SignatureStatus.Counted, wantsUpdates: true);
        Add(notOptedIn, signers.NotOptedIn, SignatureStatus.Counted, wantsUpdates: false);
        foreach (var status in new[] { SignatureStatus.Pending, SignatureStatus.Held, SignatureStatus.Withdrawn })
        {
            Add(1, signers.NotCounted, status, wantsUpdates: true);
        }
        db.Signatures.AddRange(rows);
        await db.Petitions.Where(p => p.Id == petitionId)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.SignatureCount, x => x.SignatureCount + optedIn + notOptedIn));
        await db.SaveChangesAsync();
        return signers;

        void Add(int count, List<string> emails, SignatureStatus status, bool wantsUpdates)
        {
            for (var i = 0; i < count; i++)
            {
                var email = $"{status.ToString().ToLowerInvariant()}.{i}.{Guid.NewGuid():N}@example.org";
                emails.Add(email);
                rows.Add(new Signature
                {
                    PetitionId = petitionId, FirstName = "Grace", LastName = "Hopper", Email = email, NormalizedEmail = email,
                    Country = "US", PostalCode = "10001", Locale = "en", CreatedAt = now, Status = status,
                    WantsUpdates = wantsUpdates, ConfirmedAt = status == SignatureStatus.Counted ? now : null,
                });
            }
        }
    }
}
