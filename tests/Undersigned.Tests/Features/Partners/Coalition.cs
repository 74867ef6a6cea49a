using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Tests.Infrastructure;

namespace Undersigned.Tests.Features.Partners;

/// <summary>
/// A petition of its own for one test, led by the demo's lead with two of its partners, and signatures written
/// straight into the app's database with the opt-ins and consent records the sign form would have stored.
/// </summary>
public sealed class Coalition
{
    public const string Lead = "undersigned-coalition";
    public const string Partner = "daily-kos";
    public const string OtherPartner = "demand-progress";

    private readonly UndersignedApp app;
    private int sequence;

    private Coalition(UndersignedApp app, string slug, int petitionId)
    {
        this.app = app;
        Slug = slug;
        PetitionId = petitionId;
    }

    public string Slug { get; }
    public int PetitionId { get; }

    /// <summary>A new open petition; <paramref name="partnerMayDownload"/> is the lead's setting for <see cref="Partner"/>.</summary>
    public static async Task<Coalition> CreateAsync(UndersignedApp app, bool partnerMayDownload = true)
    {
        var slug = $"coalition-{Guid.NewGuid():N}"[..30];
        var id = await app.QueryAsync(async db =>
        {
            var orgs = await db.Organizations.Where(o => o.Slug == Lead || o.Slug == Partner || o.Slug == OtherPartner)
                .ToDictionaryAsync(o => o.Slug, o => o.Id);
            var petition = new Petition
            {
                Slug = slug, Title = "Keep the public library open in the evening", TargetName = "City Librarian",
                Summary = "Evening hours.", Body = "Evening hours.", Goal = 1000, Status = PetitionStatus.Open,
                CreatedAt = DateTime.UtcNow,
            };
            petition.Sponsorships.Add(new Sponsorship { OrganizationId = orgs[Lead], Role = SponsorRole.Lead, MayDownloadSigners = true });
            petition.Sponsorships.Add(new Sponsorship
                { OrganizationId = orgs[Partner], Role = SponsorRole.Partner, Position = 1, MayDownloadSigners = partnerMayDownload });
            petition.Sponsorships.Add(new Sponsorship
                { OrganizationId = orgs[OtherPartner], Role = SponsorRole.Partner, Position = 2, MayDownloadSigners = true });
            db.Petitions.Add(petition);
            await db.SaveChangesAsync();
            return petition.Id;
        });
        return new Coalition(app, slug, id);
    }

    /// <summary>
    /// Stores one signature and returns its id. <paramref name="optInTo"/> lists the organizations the signer said
    /// yes to; <paramref name="withdrawnFrom"/> those they said yes to and later withdrew from (consent records only).
    /// </summary>
    public async Task<long> SignAsync(SignatureStatus status = SignatureStatus.Counted, string? source = null,
        string[]? optInTo = null, string[]? withdrawnFrom = null, string? firstName = null, string country = "US",
        DateTime? at = null)
    {
        var n = Interlocked.Increment(ref sequence);
        return await app.QueryAsync(async db =>
        {
            var orgs = await db.Organizations.ToDictionaryAsync(o => o.Slug, o => o.Id);
            var sourceOrg = source?.Split('.')[0];
            var when = at ?? DateTime.UtcNow;
            var signature = new Signature
            {
                PetitionId = PetitionId, FirstName = firstName ?? $"Signer{n}", LastName = $"Last{n}",
                Email = $"signer{n}.{Slug}@example.org", NormalizedEmail = $"signer{n}.{Slug}@example.org",
                PostalCode = "60601", Country = country, Locale = "en", CreatedAt = when, Source = source,
                SourceOrganizationId = sourceOrg is null ? null : orgs[sourceOrg], Status = status,
                HeldForReview = status == SignatureStatus.Held,
            };
            db.Signatures.Add(signature);
            await db.SaveChangesAsync();
            foreach (var org in (optInTo ?? []).Concat(withdrawnFrom ?? []))
            {
                db.ConsentRecords.Add(Consent(signature, orgs[org], ConsentAction.Granted, when));
            }
            foreach (var org in withdrawnFrom ?? [])
            {
                db.ConsentRecords.Add(Consent(signature, orgs[org], ConsentAction.Withdrawn, when.AddMinutes(5)));
            }
            foreach (var org in optInTo ?? [])
            {
                db.PartnerOptIns.Add(new PartnerOptIn { SignatureId = signature.Id, OrganizationId = orgs[org], PetitionId = PetitionId, GrantedAt = when });
            }
            await db.SaveChangesAsync();
            return signature.Id;
        });
    }

    public Task<List<SignerExport>> ExportsAsync() =>
        app.QueryAsync(db => db.SignerExports.Where(e => e.PetitionId == PetitionId).OrderBy(e => e.Id).ToListAsync());

    private ConsentRecord Consent(Signature signature, int org, ConsentAction action, DateTime at) => new()
    {
        SignatureId = signature.Id, PetitionId = PetitionId, OrganizationId = org, Action = action,
        Wording = "Share my name and email with the organization.", WordingVersion = "partner-share/1",
        Page = $"/p/{Slug}", Locale = "en", RecordedAt = at,
    };
}
