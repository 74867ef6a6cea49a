using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;
using Undersigned.Features.Privacy;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Retention;

/// <summary>Retention: once a petition has been closed long enough, nothing in the database names its signers.</summary>
public sealed class AnonymizationTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    [Theory, OnEachDatabase]
    public async Task After_retention_no_name_or_email_of_the_petition_remains_in_any_text_column(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var slug = await CountingPetitionLedByAsync("daily-kos");
        var marker = $"zq{Guid.NewGuid():N}"[..14];
        var signers = Enumerable.Range(0, 5).Select(i => new SignatureForm
        {
            FirstName = $"{marker}first{i}", LastName = $"{marker}last{i}", Email = $"{marker}.{i}@example.org",
            PostalCode = "60601", Comment = $"{marker} comment {i}",
        }).ToList();
        foreach (var form in signers)
        {
            using var signer = NewSigner();
            using var signed = await signer.SignOnPageAsync(slug, form, "daily-kos");
            Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        }
        var control = $"zc{Guid.NewGuid():N}"[..14];
        using (var demoSigner = NewSigner())
        {
            using var signed = await demoSigner.SignAsync(Demo, new SignatureForm { FirstName = control, Email = $"{control}@example.org" });
        }
        await CloseAsync(slug, DateTime.UtcNow.AddDays(-200));
        var countBefore = await ApiCountAsync(slug);
        Assert.NotEmpty(await ColumnsContainingAsync(marker));

        var anonymized = await App.Services.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);

        Assert.Contains(slug, anonymized);
        Assert.Empty(await ColumnsContainingAsync(marker));
        Assert.NotEmpty(await ColumnsContainingAsync(control)); // the scan finds what is there: another petition's signer
        Assert.Equal(countBefore, await ApiCountAsync(slug));
        var kept = await App.QueryAsync(db => db.Signatures.Where(s => db.Petitions.Any(p => p.Id == s.PetitionId && p.Slug == slug))
            .Select(s => new { s.Country, s.PostalCode }).ToListAsync());
        Assert.All(kept, s => Assert.Equal(("US", "606xx"), (s.Country, s.PostalCode)));
        Assert.Equal(5, kept.Count);
    }

    [Theory, OnEachDatabase]
    public async Task A_petition_closed_recently_keeps_its_signers_details(DatabaseProvider provider)
    {
        await UseAsync(provider);

        var slug = await CountingPetitionLedByAsync("daily-kos");
        var form = new SignatureForm();
        using (var signer = NewSigner())
        {
            using var signed = await signer.SignOnPageAsync(slug, form);
        }
        await CloseAsync(slug, DateTime.UtcNow.AddDays(-10));

        var anonymized = await App.Services.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);

        Assert.DoesNotContain(slug, anonymized);
        Assert.Equal(1, await App.QueryAsync(db => db.Signatures.CountAsync(s => s.Email == form.Email)));
    }

    private async Task<string> CountingPetitionLedByAsync(string lead)
    {
        var slug = await AddPetitionAsync(PetitionStatus.Open);
        await App.QueryAsync(async db =>
        {
            var petition = await db.Petitions.SingleAsync(p => p.Slug == slug);
            petition.CountingPolicy = CountingPolicy.AtOnce;
            var organization = await db.Organizations.SingleAsync(o => o.Slug == lead);
            db.Sponsorships.Add(new Sponsorship { PetitionId = petition.Id, OrganizationId = organization.Id, Role = SponsorRole.Lead });
            return await db.SaveChangesAsync();
        });
        return slug;
    }

    private Task<int> CloseAsync(string slug, DateTime closedAt) => App.QueryAsync(db =>
        db.Petitions.Where(p => p.Slug == slug).ExecuteUpdateAsync(p =>
            p.SetProperty(x => x.Status, PetitionStatus.Closed).SetProperty(x => x.ClosedAt, closedAt)));
}
