using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;
using Undersigned.Storage;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Staff;

/// <summary>
/// Staff find their pages by following links, as people do: from where the login form leads them, every staff page
/// their role may open is linked from a page they can reach, and every form on those pages carries its own token.
/// The staff pages are read from the app's own routes, so a page added without a link to it fails here.
/// </summary>
public sealed class StaffNavigationTests(PerDatabase<AppFixture> apps, ITestOutputHelper output)
    : IntegrationTest(apps, output)
{
    private const string Lead = "undersigned-coalition";
    private const string Partner = "daily-kos";
    private static readonly string[] StaffAreas = ["admin", "partners", "account"];

    public static TheoryData<string, string?> Roles => new()
    {
        { StaffRoles.Admin, null }, { StaffRoles.Organizer, Lead }, { StaffRoles.Partner, Partner },
    };

    [Theory, OnEachDatabase(Rows = nameof(Roles))]
    public async Task Every_staff_page_a_role_may_open_is_linked_from_the_pages_it_reaches_from_its_home(DatabaseProvider provider, string role, string? organization)
    {
        await UseAsync(provider);

        using var member = await StaffMember.LogInAsync(App, role, organization);
        var mayOpen = await PagesMayOpenAsync(member, organization);

        var reached = await StaffSiteWalk.FromHomeAsync(member);

        Assert.Contains(role == StaffRoles.Partner ? "partners/{org}/keys" : "admin/petitions/{slug}/delivery", mayOpen);
        var unlinked = mayOpen.Where(template => !reached.Keys.Any(path => Fits(template, path))).ToList();
        Assert.True(unlinked.Count == 0, $"As {role}, no link leads to {string.Join(", ", unlinked)}. Reached:\n  "
            + string.Join("\n  ", reached.Keys.Order(StringComparer.Ordinal)));
    }

    [Theory, OnEachDatabase(Rows = nameof(Roles))]
    public async Task Every_form_on_the_staff_pages_carries_its_own_antiforgery_token(DatabaseProvider provider, string role, string? organization)
    {
        await UseAsync(provider);

        using var member = await StaffMember.LogInAsync(App, role, organization);

        var reached = await StaffSiteWalk.FromHomeAsync(member);

        var forms = reached.SelectMany(page => page.Value.Forms
            .Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase))
            .Select(f => (Page: page.Key, Action: f.GetAttribute("action") ?? "(its own address)",
                Token: f.QuerySelector($"input[type=hidden][name={Signer.TokenField}]")?.GetAttribute("value")))).ToList();
        Assert.Contains(forms, f => f.Page.StartsWith("/account/two-factor", StringComparison.Ordinal));
        var bare = forms.Where(f => string.IsNullOrEmpty(f.Token)).Select(f => $"{f.Page}: the form posting to {f.Action}").ToList();
        Assert.True(bare.Count == 0, $"Forms without their own token:\n  {string.Join("\n  ", bare)}");
    }

    /// <summary>The staff pages' route templates that this member gets with 200, filled in with the demo's petition and organizations.</summary>
    private async Task<List<string>> PagesMayOpenAsync(StaffMember member, string? organization)
    {
        var templates = App.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>()
            .Select(p => p.AttributeRouteInfo?.Template)
            .OfType<string>()
            .Where(t => StaffAreas.Contains(t.Split('/')[0]))
            .Distinct();
        var mayOpen = new List<string>();
        foreach (var template in templates)
        {
            var path = "/" + template.Replace("organizations/{slug}", $"organizations/{Partner}", StringComparison.Ordinal)
                .Replace("{slug}", Demo, StringComparison.Ordinal).Replace("{org}", organization ?? Lead, StringComparison.Ordinal);
            using var response = await member.Http.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                mayOpen.Add(template);
            }
        }
        return mayOpen;
    }

    private static bool Fits(string template, string path) =>
        Regex.IsMatch(path.Split('?')[0], "^/" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$");
}
