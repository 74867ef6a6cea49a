using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;

namespace Undersigned.Browser.Tests.Hosting;

/// <summary>A petition of its own for one test, led by the demo's lead, written straight into the app's database.</summary>
public static class TestPetitions
{
    /// <summary>An open petition to a target with an email address; returns its slug and title.</summary>
    public static async Task<(string Slug, string Title)> AddOpenAsync(this AppHost app)
    {
        var slug = $"libraries-{Guid.NewGuid():N}"[..24];
        var title = $"Keep branch {slug[^4..]} open in the evening";
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        var petition = new Petition
        {
            Slug = slug, Title = title, TargetName = "City Librarian", TargetEmail = $"librarian.{slug}@city.example.org",
            Summary = "Evening hours for the branch libraries.", Body = "Libraries are where people study after work.",
            Goal = 500, Status = PetitionStatus.Open, CreatedAt = DateTime.UtcNow,
        };
        petition.Sponsorships.Add(new Sponsorship
        {
            Role = SponsorRole.Lead, MayDownloadSigners = true,
            Organization = await db.Organizations.SingleAsync(o => o.Slug == StaffAccounts.Lead),
        });
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        return (slug, title);
    }
}
