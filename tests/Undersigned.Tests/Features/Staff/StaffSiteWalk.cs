using System.Net;
using AngleSharp.Html.Dom;
using Undersigned.Tests.Infrastructure;

namespace Undersigned.Tests.Features.Staff;

/// <summary>
/// Everything a staff member reaches by clicking: from /staff (where logging in leads), every link and redirect
/// into the staff areas, followed until nothing new turns up. Files (.pdf, .csv) are not opened.
/// </summary>
public static class StaffSiteWalk
{
    private const int Limit = 500;
    private static readonly string[] Areas = ["/admin", "/partners/", "/account/", "/staff"];

    /// <summary>Each staff page reached (path and query), with the HTML it answered.</summary>
    public static async Task<Dictionary<string, IHtmlDocument>> FromHomeAsync(StaffMember member)
    {
        var pages = new Dictionary<string, IHtmlDocument>();
        var seen = new HashSet<string> { "/staff" };
        var queue = new Queue<string>(seen);
        while (queue.TryDequeue(out var path))
        {
            Assert.True(seen.Count < Limit, $"More than {Limit} staff pages: the walk is going round in circles.");
            using var response = await member.Http.GetAsync(path);
            var next = new List<string?>();
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found)
            {
                next.Add(response.RedirectTarget());
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}, linked from a staff page: {(int)response.StatusCode}");
                var page = await response.ReadPageAsync();
                pages[path] = page;
                next.AddRange(page.QuerySelectorAll("a[href]").Select(a => Local(path, a.GetAttribute("href")!)));
            }
            foreach (var link in next.OfType<string>().Where(InStaffArea).Where(seen.Add))
            {
                queue.Enqueue(link);
            }
        }
        return pages;
    }

    /// <summary>The path and query a link leads to on this site, or null for another site or a fragment of the same page.</summary>
    private static string? Local(string from, string href)
    {
        var target = new Uri(new Uri(new Uri("http://app.invalid"), from), href);
        return target.Host == "app.invalid" && !href.StartsWith('#') ? target.PathAndQuery : null;
    }

    private static bool InStaffArea(string path) =>
        Areas.Any(area => path.StartsWith(area, StringComparison.Ordinal)) && !Path.HasExtension(path.Split('?')[0]);
}
