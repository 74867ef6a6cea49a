using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Staff;
using Undersigned.Storage;

namespace Undersigned.Features.Admin;

/// <summary>
/// The organizations behind a petition: its lead, and the partners an admin or the lead's organizers add, remove,
/// put in order and allow (or not) to download the signers who opted in to them.
/// </summary>
[Authorize(Policy = StaffPolicies.Organizers)]
public sealed class SponsorsModel(UndersignedDb db) : PageModel
{
    public Petition Petition { get; private set; } = null!;
    public Sponsorship? Lead { get; private set; }
    public List<Sponsorship> Partners { get; private set; } = [];
    public List<OrganizationChoice> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) =>
        await LoadAsync(slug, ct) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(string slug, [FromForm] string? organization, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        var org = await db.Organizations.SingleOrDefaultAsync(o => o.Slug == organization, ct);
        if (org is null || Petition.Sponsorships.Any(s => s.OrganizationId == org.Id))
        {
            return Invalid(org is null ? "Choose an organization to add." : "That organization already sponsors this petition.");
        }
        Petition.Sponsorships.Add(new Sponsorship
        {
            OrganizationId = org.Id,
            Role = SponsorRole.Partner,
            Position = Partners.Select(p => p.Position).DefaultIfEmpty(0).Max() + 1,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Invalid("That organization already sponsors this petition.");
        }
        return Back();
    }

    public Task<IActionResult> OnPostRemoveAsync(string slug, [FromForm] string? organization, CancellationToken ct) =>
        ChangePartnerAsync(slug, organization, partner => db.Sponsorships.Remove(partner), ct);

    public Task<IActionResult> OnPostUpAsync(string slug, [FromForm] string? organization, CancellationToken ct) =>
        ChangePartnerAsync(slug, organization, partner => Swap(partner, -1), ct);

    public Task<IActionResult> OnPostDownAsync(string slug, [FromForm] string? organization, CancellationToken ct) =>
        ChangePartnerAsync(slug, organization, partner => Swap(partner, +1), ct);

    public Task<IActionResult> OnPostDownloadsAsync(string slug, [FromForm] string? organization, [FromForm] bool allowed, CancellationToken ct) =>
        ChangePartnerAsync(slug, organization, partner => partner.MayDownloadSigners = allowed, ct);

    /// <summary>Changes one partner of the petition; the lead is not a partner and cannot be removed or moved here.</summary>
    private async Task<IActionResult> ChangePartnerAsync(string slug, string? organization, Action<Sponsorship> change, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        var partner = Partners.FirstOrDefault(p => p.Organization!.Slug == organization);
        if (partner is null || !ModelState.IsValid)
        {
            return Invalid(partner is null ? "That organization is not a partner of this petition." : "That change could not be read.");
        }
        change(partner);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else removed the partner meanwhile; the page they come back to shows what is stored.
            return StatusCode(StatusCodes.Status409Conflict);
        }
        return Back();
    }

    /// <summary>Moves a partner one place, numbering the partners 1..n first so the order is never ambiguous.</summary>
    private void Swap(Sponsorship partner, int step)
    {
        for (var i = 0; i < Partners.Count; i++)
        {
            Partners[i].Position = i + 1;
        }
        var index = Partners.IndexOf(partner);
        if (index + step >= 0 && index + step < Partners.Count)
        {
            (Partners[index].Position, Partners[index + step].Position) = (Partners[index + step].Position, Partners[index].Position);
        }
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        var (petition, refusal) = await this.FindToRunAsync(db, slug, ct);
        if (petition is null)
        {
            return refusal;
        }
        Petition = petition;
        Lead = petition.Sponsorships.FirstOrDefault(s => s.Role == SponsorRole.Lead);
        Partners = [.. petition.Sponsorships.Where(s => s.Role == SponsorRole.Partner)
            .OrderBy(s => s.Position).ThenBy(s => s.Organization!.Name, StringComparer.Ordinal)];
        var taken = petition.Sponsorships.Select(s => s.OrganizationId).ToList();
        Candidates = await db.Organizations.Where(o => !taken.Contains(o.Id)).OrderBy(o => o.Name)
            .Select(o => new OrganizationChoice(o.Slug, o.Name)).ToListAsync(ct);
        return null;
    }

    private RedirectResult Back() => Redirect($"/admin/petitions/{Uri.EscapeDataString(Petition.Slug)}/sponsors");

    private PageResult Invalid(string message)
    {
        ModelState.AddModelError("organization", message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
