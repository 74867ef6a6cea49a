using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Email;
using Undersigned.Features.Staff;

namespace Undersigned.Features.Partners;

/// <summary>
/// An organization's dashboard: for each petition it sponsors, the signatures its links brought in, who opted in
/// to it, its tracked link, its exports; and the log of every export of its signers.
/// </summary>
[Authorize(Policy = StaffPolicies.AnyStaff)]
public sealed class DashboardModel(UndersignedDb db, CoalitionFigures figures, ExportLog exports, PublicUrls urls) : PageModel
{
    public sealed record SponsoredPetition(int Id, string Slug, string Title, SponsorRole Role, bool MayDownloadSigners, Figures Figures);

    public PartnerOrganization Organization { get; private set; } = null!;
    public IReadOnlyList<SponsoredPetition> Petitions { get; private set; } = [];
    public IReadOnlyList<ExportLogEntry> Exports { get; private set; } = [];
    public string BaseUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string org, CancellationToken ct)
    {
        if (await PartnerOrganization.FindAsync(db, org, ct) is not { } found)
        {
            return NotFound();
        }
        if (!User.MayActFor(found.Slug))
        {
            return Forbid();
        }
        Organization = found;
        BaseUrl = urls.Base;
        var sponsored = await db.Sponsorships.AsNoTracking().Where(s => s.OrganizationId == found.Id)
            .OrderByDescending(s => s.PetitionId)
            .Select(s => new { s.PetitionId, s.Petition!.Slug, s.Petition.Title, s.Role, s.MayDownloadSigners })
            .ToListAsync(ct);
        var petitions = new List<SponsoredPetition>();
        foreach (var s in sponsored)
        {
            petitions.Add(new SponsoredPetition(s.PetitionId, s.Slug, s.Title, s.Role, s.MayDownloadSigners,
                await figures.ForPetitionAsync(s.PetitionId, found.Id, ct)));
        }
        Petitions = petitions;
        Exports = await exports.RecentAsync(found.Id, 100, ct);
        return Page();
    }

    /// <summary>Admins may always download; the organization's own staff where the lead allows it.</summary>
    public bool MayDownload(SponsoredPetition petition) => User.IsAdmin() || petition.MayDownloadSigners;
}
