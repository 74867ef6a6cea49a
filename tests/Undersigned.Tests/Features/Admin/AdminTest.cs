using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Admin;

/// <summary>What the admin page tests share: petitions with a lead, and the petition form filled in.</summary>
public abstract class AdminTest(PerDatabase<AppFixture> apps, ITestOutputHelper output) : IntegrationTest(apps, output)
{
    /// <summary>The demo petition's lead; its organizers run it. Daily Kos is one of its partners.</summary>
    protected const string DemoLead = "undersigned-coalition";

    protected const string OtherOrganization = "daily-kos";

    /// <summary>A petition led by <paramref name="lead"/>, added straight to the database; returns its slug.</summary>
    protected Task<string> AddLedPetitionAsync(string lead, PetitionStatus status = PetitionStatus.Draft) => App.QueryAsync(async db =>
    {
        var slug = $"led-{Guid.NewGuid():N}"[..20];
        var petition = new Petition
        {
            Slug = slug, Title = "Keep the branch libraries open", TargetName = "City Librarian",
            Summary = "Evening hours for the branches.", Body = "Libraries are where people study after work.",
            Goal = 500, Status = status, CreatedAt = DateTime.UtcNow,
        };
        petition.Sponsorships.Add(new Sponsorship
        {
            Role = SponsorRole.Lead, MayDownloadSigners = true,
            Organization = await db.Organizations.SingleAsync(o => o.Slug == lead),
        });
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        return slug;
    });

    protected Task<Petition> StoredPetitionAsync(string slug) => App.QueryAsync(db =>
        db.Petitions.AsNoTracking().Include(p => p.Sponsorships).ThenInclude(s => s.Organization).SingleAsync(p => p.Slug == slug));

    /// <summary>Every field of the petition form filled in as an organizer would.</summary>
    protected static Dictionary<string, string> PetitionFields(string slug, string title = "Light the bike paths at night") => new()
    {
        ["Form.Title"] = title,
        ["Form.Slug"] = slug,
        ["Form.TargetName"] = "Parks Commissioner",
        ["Form.TargetTitle"] = "Department of Parks",
        ["Form.TargetEmail"] = "commissioner@parks.example.org",
        ["Form.Summary"] = "People ride home from work after dark.",
        ["Form.Body"] = "## Why\n\nThe paths are **dark** from October to March.",
        ["Form.Goal"] = "2500",
        ["Form.EndsOn"] = DateTime.UtcNow.AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["Form.CountingPolicy"] = "OnConfirmation",
        ["Form.PartnerOptIns"] = "EveryOrganization",
    };

    /// <summary>Opens the petition form of <paramref name="page"/> (new or edit) and types <paramref name="fields"/> into it.</summary>
    protected static async Task<PageForm> PetitionFormAsync(StaffMember member, string page, Dictionary<string, string> fields)
    {
        var form = await member.FormAsync(page, page == NewPetitionPage ? "Create draft" : "Save");
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }
        return form;
    }

    protected const string NewPetitionPage = "/admin/petitions/new";

    protected static string EditPath(string slug) => $"/admin/petitions/{slug}/edit";
}
