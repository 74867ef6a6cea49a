using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Undersigned.Data;
using Undersigned.Features.Shared;
using Undersigned.Features.Staff;

namespace Undersigned.Features.Moderation;

/// <summary>
/// The review queue of one petition: held signatures grouped by why they were held, each group (or one of its
/// signatures) approved or rejected with a reason. Names are shown to the petition's organizers; email addresses
/// to admins only.
/// </summary>
[Authorize(Policy = StaffPolicies.Organizers)]
public sealed class ReviewModel(UndersignedDb db, ReviewQueue queue) : PageModel
{
    public const int ReasonMax = 1000;
    public const int ShownSigners = 200;

    public Petition Petition { get; private set; } = null!;
    public List<ReviewGroup> Groups { get; private set; } = [];

    /// <summary>The group opened to decide on its signatures one by one (<c>?kind=…&amp;key=…</c>).</summary>
    public ReviewGroup? Opened { get; private set; }

    public List<ReviewedSigner> OpenedSigners { get; private set; } = [];

    /// <summary>The form that came back with an error: "{kind}:{key}" of a group, or a signature's id.</summary>
    public string? FailedForm { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, ReviewGroupKind? kind, string? key, CancellationToken ct)
    {
        var (petition, refusal) = await this.FindToRunAsync(db, slug, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        Petition = petition!;
        await LoadAsync(kind, key, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, [FromForm] ReviewGroupKind? kind, [FromForm] string? key,
        [FromForm] long? upTo, [FromForm] long? signature, [FromForm] string? decision, [FromForm] string? reason,
        CancellationToken ct)
    {
        var (petition, refusal) = await this.FindToRunAsync(db, slug, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        Petition = petition!;
        if (kind is null || upTo is null || decision is not ("approve" or "reject") || !ModelState.IsValid)
        {
            return BadRequest();
        }
        var cleaned = FormText.Clean(reason);
        var problem = cleaned is null ? "Say why, for the moderation log." : FormText.Problem(cleaned, ReasonMax, multiline: true);
        if (problem is not null)
        {
            FailedForm = signature is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{kind}:{key}";
            ModelState.AddModelError("reason", problem);
            await LoadAsync(signature is null ? null : kind, key, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var approve = decision == "approve";
        var changed = await queue.DecideAsync(Petition.Id, kind.Value, key ?? "", upTo.Value, signature, approve,
            User.StaffEmail(), cleaned!, ct);
        Done = changed == 0 ? "Nothing changed: someone else decided on these signatures first."
            : $"{(approve ? "Approved" : "Rejected")} {changed:N0} signature{(changed == 1 ? "" : "s")}"
              + (approve && kind != ReviewGroupKind.TooFast ? "; they now count." : approve ? "." : "; they no longer count.");
        var back = $"/admin/petitions/{Petition.Slug}/review";
        return Redirect(signature is null ? back : $"{back}?kind={kind}&key={Uri.EscapeDataString(key ?? "")}");
    }

    private async Task LoadAsync(ReviewGroupKind? kind, string? key, CancellationToken ct)
    {
        Groups = await queue.GroupsAsync(Petition.Id, ct);
        if (kind is { } k)
        {
            Opened = Groups.FirstOrDefault(g => g.Kind == k && g.Key == (key ?? ""));
            if (Opened is not null)
            {
                OpenedSigners = await queue.SignersAsync(Petition.Id, k, Opened.Key, ShownSigners, ct);
            }
        }
    }

    public static string Title(ReviewGroup group) => group.Kind switch
    {
        ReviewGroupKind.Burst => $"Burst {group.Key}",
        ReviewGroupKind.Domain => $"Email domain {group.Key}",
        ReviewGroupKind.TooFast => "Sent too fast",
        _ => "Held earlier",
    };

    public static string Why(ReviewGroup group) => group.Kind switch
    {
        ReviewGroupKind.Burst => "Held: more signatures came from one network address than its limit allows. The address is not stored; the burst id stands for it.",
        ReviewGroupKind.Domain => "Held: more signatures used this email domain than its limit allows.",
        ReviewGroupKind.TooFast => "Counted, but flagged: the form came back sooner than a person types. Approving clears the flag; rejecting stops them counting.",
        _ => "Held before the platform recorded which limit held a signature.",
    };
}
