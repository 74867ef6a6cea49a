using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Email;
using Undersigned.Features.Petitions;
using Undersigned.Features.Staff;
using Undersigned.Web;

namespace Undersigned.Features.Updates;

/// <summary>A posted update as the organizer's list shows it, with how many of its emails still wait to be sent.</summary>
public sealed record PostedUpdate(long Id, string Title, DateTime PostedAt, string PostedBy, int Recipients, int Waiting);

/// <summary>
/// Organizers write an update, preview it as signers will see it, and post it: it appears on the petition page
/// and is emailed to every counted signer who asked for updates. Admins, and organizers of the lead organization.
/// </summary>
[Authorize(Policy = StaffPolicies.Organizers)]
[FormSizeLimit(256 * 1024)]
public sealed class UpdatesModel(UndersignedDb db, PostUpdate posting, MarkdownRenderer markdown, OutboxSignal outbox)
    : PageModel
{
    [BindProperty]
    public UpdateForm Form { get; set; } = new();

    public Petition Petition { get; private set; } = null!;
    public IHtmlContent? Preview { get; private set; }
    public int Audience { get; private set; }
    public IReadOnlyList<PostedUpdate> Posted { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(slug, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        var (text, errors) = UpdateRules.Check(Form);
        if (text is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError($"{nameof(Form)}.{field}", message);
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var posted = await posting.PostAsync(Petition.Id, text, User.FindFirstValue(ClaimTypes.Email) ?? User.Identity!.Name!, ct);
        outbox.Wake();
        return RedirectToPage(new { slug, done = posted.AlreadyPosted ? "already-posted" : "posted" });
    }

    public async Task<IActionResult> OnPostPreviewAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }
        Preview = markdown.Render(Form.Body ?? "");
        return Page();
    }

    /// <summary>Reads the petition and its updates; a refusal when there is none or the user may not run it.</summary>
    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        var (petition, refusal) = await this.FindToRunAsync(db, slug, ct);
        if (petition is null)
        {
            return refusal;
        }
        Petition = petition;
        Audience = await posting.AudienceAsync(petition.Id, ct);
        var updates = await db.PetitionUpdates.AsNoTracking().Where(u => u.PetitionId == petition.Id)
            .OrderByDescending(u => u.PostedAt).ThenByDescending(u => u.Id).Take(PetitionNews.MaxShown)
            .Select(u => new { u.Id, u.Title, u.PostedAt, u.PostedBy, u.Recipients }).ToListAsync(ct);
        var ids = updates.Select(u => (long?)u.Id).ToList();
        // Unsent rows are the few the outbox's partial index holds, so this stays cheap however many were sent.
        var waiting = await db.OutboxMessages
            .Where(m => m.SentAt == null && m.FailedAt == null && m.Kind == PostUpdate.Kind && ids.Contains(m.SubjectId))
            .GroupBy(m => m.SubjectId).Select(g => new { Id = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, ct);
        Posted = updates.Select(u => new PostedUpdate(u.Id, u.Title, u.PostedAt, u.PostedBy, u.Recipients,
            waiting.GetValueOrDefault(u.Id))).ToList();
        return null;
    }
}
