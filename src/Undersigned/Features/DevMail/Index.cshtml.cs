using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.DevMail;

/// <summary>The development mailbox, so a developer can open a confirmation link without any mail set-up.</summary>
public sealed partial class IndexModel(UndersignedDb db, IWebHostEnvironment environment) : PageModel
{
    public List<DevMailMessage> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }
        Messages = await db.DevMailMessages.AsNoTracking().OrderByDescending(m => m.Id).Take(50).ToListAsync(ct);
        return Page();
    }

    public IEnumerable<string> LinksIn(string text) => Links().Matches(text).Select(m => m.Value).Distinct();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
