using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Undersigned.Data;
using Undersigned.Features.Petitions;

namespace Undersigned.Features.OpenData;

/// <summary>
/// A petition's open data as a page anyone can read without JavaScript: the running total over time as a chart
/// and a table, and the counts by US state and by country, each table sortable by links (docs/api.md).
/// </summary>
public sealed class DataModel(PetitionReader petitions, UndersignedDb db) : PageModel
{
    /// <summary>Hourly while a petition is this young, daily after.</summary>
    public static readonly TimeSpan HourlyUpTo = TimeSpan.FromHours(72);

    public PetitionDetails Petition { get; private set; } = null!;
    public PetitionBreakdowns Breakdowns { get; private set; } = null!;
    public TimeBucket Bucket { get; private set; }
    public bool ByName { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? bucket, string? sort, CancellationToken ct)
    {
        if (!PetitionsApi.TryParseBucket(bucket, out var chosen) || sort is not (null or "count" or "name"))
        {
            return BadRequest();
        }
        if (await petitions.FindPublicAsync(slug, ct) is not { } petition)
        {
            return NotFound();
        }
        Petition = petition;
        ByName = sort == "name";
        Breakdowns = await PetitionBreakdowns.ReadAsync(db, petition.Id, chosen, ct, CultureInfo.CurrentCulture);
        if (bucket is null && Breakdowns.OverTime is [var first, .., var last] && last.Hour - first.Hour > HourlyUpTo)
        {
            chosen = TimeBucket.Day;
            Breakdowns = Breakdowns.ByDay();
        }
        Bucket = chosen;
        return Page();
    }

    public IEnumerable<PlaceCount> Sorted(IEnumerable<PlaceCount> places) =>
        ByName ? places.OrderBy(p => p.Name, StringComparer.CurrentCulture) : places;
}
