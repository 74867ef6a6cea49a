using System.Net;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Moderation;

/// <summary>The app as it runs: an invalidation started from its page is carried out by the app's own background runner.</summary>
public sealed class BackgroundInvalidationTests(PerDatabase<AppFixture> apps, ITestOutputHelper output) : IntegrationTest(apps, output)
{
    private static readonly string[] Domains = ["example.org", "spam.example.net", "spam.example.net"];

    [Theory, OnEachDatabase]
    public async Task An_invalidation_started_from_the_page_is_carried_out_without_anyone_waiting_on_it(DatabaseProvider provider)
    {
        await UseAsync(provider);
        var slug = $"bg-{Guid.NewGuid():N}"[..20];
        var id = await App.QueryAsync(async db =>
        {
            var petition = new Petition
            {
                Slug = slug, Title = "Light the underpass", TargetName = "Public Works", Summary = "Lights.", Body = "Lights.",
                Goal = 100, Status = PetitionStatus.Open, CreatedAt = DateTime.UtcNow,
            };
            petition.Sponsorships.Add(new Sponsorship { Role = SponsorRole.Lead, Organization = await db.Organizations.SingleAsync(o => o.Slug == "undersigned-coalition") });
            db.Petitions.Add(petition);
            await db.SaveChangesAsync();
            foreach (var domain in Domains)
            {
                var email = $"{Guid.NewGuid():N}@{domain}";
                db.Signatures.Add(new Signature
                {
                    PetitionId = petition.Id, FirstName = "Ida", LastName = "Wells", Email = email, NormalizedEmail = email,
                    PostalCode = "60601", Country = "US", Locale = "en", CreatedAt = DateTime.UtcNow, Status = SignatureStatus.Counted,
                });
            }
            petition.SignatureCount = 3;
            await db.SaveChangesAsync();
            return petition.Id;
        });
        using var admin = await StaffMember.LogInAsync(App, StaffRoles.Admin);
        var page = $"/admin/petitions/{slug}/invalidate?EmailDomain=spam.example.net";
        using var started = await (await admin.FormAsync(page, "Invalidate 2 signatures")).Set("reason", "Two from a spam domain.").SubmitAsync();
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);

        var state = InvalidationState.Queued;
        for (var tries = 0; tries < 150 && state != InvalidationState.Done; tries++)
        {
            await Task.Delay(100);
            state = await App.QueryAsync(db => db.InvalidationJobs.Where(j => j.PetitionId == id).Select(j => j.State).SingleAsync());
        }
        Assert.Equal(InvalidationState.Done, state);
        Assert.Equal(1, await ApiCountAsync(slug));
    }
}
