using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Tests.Features.Moderation;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Paper;

/// <summary>What the paper tests share: a petition led by the demo's lead with one partner, and sheets sent through the page's own forms.</summary>
public abstract class PaperTest(PerDatabase<ModerationApp> apps, ITestOutputHelper output) : ModerationTest(apps, output)
{
    protected const string Partner = OtherOrganization;

    protected async Task<(string Slug, int Id)> AddPetitionWithPartnerAsync()
    {
        var (slug, id) = await AddPetitionAsync();
        await App.QueryAsync(async db =>
        {
            var partner = await db.Organizations.SingleAsync(o => o.Slug == Partner);
            db.Sponsorships.Add(new Sponsorship { PetitionId = id, OrganizationId = partner.Id, Role = SponsorRole.Partner, Position = 1 });
            return await db.SaveChangesAsync();
        });
        return (slug, id);
    }

    protected static byte[] Sheet(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    /// <summary>Uploads <paramref name="sheet"/> through the upload form; returns the answer (a redirect to the batch when staged).</summary>
    protected static async Task<HttpResponseMessage> UploadAsync(StaffMember staff, string slug, byte[] sheet,
        string description = "Rally at City Hall, May 3")
    {
        var form = await staff.FormAsync($"/admin/petitions/{slug}/paper", "Check the sheet");
        return await form.Set("Description", description).Attach("Sheet", sheet, "sheet.csv", "text/csv").SubmitAsync();
    }

    /// <summary>Uploads a sheet that must be staged; returns the batch page's path.</summary>
    protected static async Task<string> StageAsync(StaffMember staff, string slug, byte[] sheet)
    {
        using var staged = await UploadAsync(staff, slug, sheet);
        Assert.Equal(HttpStatusCode.Redirect, staged.StatusCode);
        return staged.Headers.Location!.OriginalString;
    }

    protected sealed record PaperTallies(int Counted, int Paper, int Invalidated, int Rows);

    protected Task<PaperTallies> PaperTalliesAsync(int petitionId) => App.QueryAsync(async db =>
    {
        var p = await db.Petitions.AsNoTracking().SingleAsync(x => x.Id == petitionId);
        return new PaperTallies(p.SignatureCount, p.PaperCount, p.InvalidatedCount, await db.Signatures.CountAsync(s => s.PetitionId == petitionId));
    });
}
