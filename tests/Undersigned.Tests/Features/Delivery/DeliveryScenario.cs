using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Tests.Infrastructure;

namespace Undersigned.Tests.Features.Delivery;

/// <summary>A petition of the demo coalition made for one test, with signers in every state.</summary>
public sealed record DeliveryScenario(int PetitionId, string Slug, string TargetEmail)
{
    public const string Lead = "undersigned-coalition";
    public const string Partner = "daily-kos";

    public sealed record Signer(string FirstName, string LastName, string? PostalCode, string Country,
        SignatureStatus Status = SignatureStatus.Counted, string? Comment = null);

    /// <summary>Four counted signers (3 in the US: 2 in Illinois, 1 in New York; 1 in the UK), and one pending, held and withdrawn.</summary>
    public static readonly Signer[] Mixed =
    [
        new("Grace", "Hopper", "60601", "US", Comment: "Sensors are not safety."),
        new("Ida", "Wells", "10001", "US"),
        new("Jane", "Addams", "60602", "US"),
        new("Mary", "Seacole", "SW1A 1AA", "GB", Comment: "Solidarity from London."),
        new("Pendleton", "Waiting", "60603", "US", SignatureStatus.Pending),
        new("Heldon", "Reviewed", "60604", "US", SignatureStatus.Held),
        new("Withdrew", "Later", "60605", "US", SignatureStatus.Withdrawn),
    ];

    public static Task<DeliveryScenario> CreateAsync(UndersignedApp app, PetitionStatus status, IEnumerable<Signer> signers,
        CountingPolicy counting = CountingPolicy.OnConfirmation) =>
        app.QueryAsync(async db =>
        {
            var slug = $"deliver-{Guid.NewGuid():N}"[..24];
            var targetEmail = $"ceo.{Guid.NewGuid():N}@target.example.org";
            var lead = await db.Organizations.SingleAsync(o => o.Slug == Lead);
            var partner = await db.Organizations.SingleAsync(o => o.Slug == Partner);
            var petition = new Petition
            {
                Slug = slug, Title = "Stop listening to our streets", TargetName = "Ralph Clark", TargetTitle = "CEO",
                TargetEmail = targetEmail, Summary = "Acoustic sensors make no one safer.",
                Body = "Acoustic gunshot sensors send police into our neighborhoods.\n\nWe ask you to stop.",
                Goal = 1000, Status = status, CreatedAt = DateTime.UtcNow, CountingPolicy = counting,
                Sponsorships =
                [
                    new Sponsorship { OrganizationId = lead.Id, Role = SponsorRole.Lead },
                    new Sponsorship { OrganizationId = partner.Id, Role = SponsorRole.Partner, Position = 1 },
                ],
            };
            db.Petitions.Add(petition);
            await db.SaveChangesAsync();
            var list = signers.ToList();
            db.Signatures.AddRange(list.Select((s, i) => new Signature
            {
                PetitionId = petition.Id, FirstName = s.FirstName, LastName = s.LastName,
                Email = $"signer{i}.{slug}@example.org", NormalizedEmail = $"signer{i}.{slug}@example.org",
                PostalCode = s.PostalCode, Country = s.Country, Comment = s.Comment, Locale = "en",
                CreatedAt = DateTime.UtcNow, Status = s.Status,
            }));
            petition.SignatureCount = list.Count(s => s.Status == SignatureStatus.Counted);
            await db.SaveChangesAsync();
            return new DeliveryScenario(petition.Id, slug, targetEmail);
        });

    public string Page => $"/admin/petitions/{Slug}/delivery";
}
