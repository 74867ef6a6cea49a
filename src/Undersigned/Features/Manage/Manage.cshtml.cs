using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Undersigned.Data;
using Undersigned.Features.Signing;
using Undersigned.Web;

namespace Undersigned.Features.Manage;

/// <summary>
/// The signer's own page, opened by the private link in their email: what is stored about them, their choices,
/// the organizations they share their details with, a copy of it all as JSON, and a way to withdraw.
/// </summary>
public sealed class ManageModel(ManageLinks links, SignatureChoices choices, UndersignedDb db,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public Signature Signature { get; private set; } = null!;
    public Petition Petition { get; private set; } = null!;
    public IReadOnlyList<Organization> SharedWith { get; private set; } = [];
    public string? Done { get; private set; }

    [BindProperty]
    public bool ShowNamePublicly { get; set; }

    [BindProperty]
    public bool WantsUpdates { get; set; }

    [BindProperty]
    public bool ConfirmWithdrawal { get; set; }

    [BindProperty]
    public string? Organization { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, string token, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(slug, token, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetDataAsync(string slug, string token, CancellationToken ct)
    {
        if (!await LoadAsync(slug, token, ct))
        {
            return NotFound();
        }
        var consents = await db.ConsentRecords.AsNoTracking().Where(c => c.SignatureId == Signature.Id).OrderBy(c => c.Id)
            .Join(db.Organizations, c => c.OrganizationId, o => o.Id, (c, o) => new
            {
                organization = o.Name, action = c.Action.ToString(), wording = c.Wording, version = c.WordingVersion,
                page = c.Page, language = c.Locale, recordedAt = c.RecordedAt,
            }).ToListAsync(ct);
        var s = Signature;
        var data = new
        {
            petition = new { Petition.Slug, Petition.Title, target = Petition.TargetName },
            signature = new
            {
                s.FirstName, s.LastName, s.Email, s.PostalCode, s.Country, s.Comment, s.ShowNamePublicly, s.WantsUpdates,
                language = s.Locale, status = s.Status.ToString(), signedAt = s.CreatedAt, s.ConfirmedAt, source = s.Source,
            },
            sharedWith = SharedWith.Select(o => o.Name),
            consentHistory = consents,
        };
        Response.Headers.ContentDisposition = $"attachment; filename=\"{Petition.Slug}-my-signature.json\"";
        return new JsonResult(data, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
    }

    public async Task<IActionResult> OnPostChoicesAsync(string slug, string token, CancellationToken ct)
    {
        if (!await LoadAsync(slug, token, ct))
        {
            return NotFound();
        }
        if (Signature.Status == SignatureStatus.Withdrawn)
        {
            return StatusCode(StatusCodes.Status410Gone);
        }
        await choices.UpdateAsync(Signature.Id, ShowNamePublicly, WantsUpdates, ct);
        return RedirectToPage(new { slug, token, done = "choices" });
    }

    public async Task<IActionResult> OnPostStopSharingAsync(string slug, string token, CancellationToken ct)
    {
        if (!await LoadAsync(slug, token, ct))
        {
            return NotFound();
        }
        var organization = SharedWith.FirstOrDefault(o => o.Slug == Organization);
        if (organization is null)
        {
            // Not shared with that organization (any more): nothing to withdraw, and the page says what is shared.
            return RedirectToPage(new { slug, token, done = "not-shared" });
        }
        await choices.StopSharingAsync(Signature, organization.Id, text[SignatureChoices.StopSharingWording, organization.Name],
            CultureInfo.CurrentUICulture.Name, ct);
        return RedirectToPage(new { slug, token, done = "stopped-sharing" });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string slug, string token, CancellationToken ct)
    {
        if (!await LoadAsync(slug, token, ct))
        {
            return NotFound();
        }
        if (Signature.Status == SignatureStatus.Withdrawn)
        {
            return RedirectToPage(new { slug, token, done = "already-withdrawn" });
        }
        if (!ConfirmWithdrawal)
        {
            ModelState.AddModelError(nameof(ConfirmWithdrawal), text["Tick the box to confirm that you want to withdraw your signature."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var names = SharedWith.ToDictionary(o => o.Id, o => text[SignatureChoices.StopSharingWording, o.Name].Value);
        var withdrawn = await choices.WithdrawAsync(Signature, CultureInfo.CurrentUICulture.Name, id => names.GetValueOrDefault(id, ""), ct);
        return RedirectToPage(new { slug, token, done = withdrawn ? "withdrawn" : "already-withdrawn" });
    }

    private async Task<bool> LoadAsync(string slug, string token, CancellationToken ct)
    {
        // The address holds a key to personal data: never kept by a cache.
        Response.SetNoStore();
        if (await links.FindAsync(slug, token, ct) is not { } signature)
        {
            return false;
        }
        Signature = signature;
        Petition = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == signature.PetitionId, ct);
        SharedWith = await db.PartnerOptIns.AsNoTracking().Where(o => o.SignatureId == signature.Id)
            .Join(db.Organizations, o => o.OrganizationId, org => org.Id, (_, org) => org)
            .OrderBy(o => o.Name).ToListAsync(ct);
        if (HttpMethods.IsGet(Request.Method))
        {
            (ShowNamePublicly, WantsUpdates) = (signature.ShowNamePublicly, signature.WantsUpdates);
        }
        return true;
    }
}
