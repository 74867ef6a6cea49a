using Undersigned.Tests.Infrastructure;

namespace Undersigned.Tests.Features.Partners;

/// <summary>Creating and revoking keys through the real keys page, as an organization's staff would.</summary>
public static class PartnerKeys
{
    public static string Page(string org) => $"/partners/{org}/keys";

    /// <summary>Creates a key on the page and returns it as the page showed it, once.</summary>
    public static async Task<string> CreateAsync(StaffMember staff, string org, string name = "CRM sync")
    {
        using var response = await staff.PostFormAsync(Page(org), new() { ["Name"] = name }, action: $"{Page(org)}?handler=Create");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        return page.QuerySelector(".new-key")?.TextContent.Trim() ?? throw new InvalidOperationException("No new key on the page.");
    }

    public static async Task RevokeAsync(StaffMember staff, string org, int keyId)
    {
        var page = await staff.GetPageAsync(Page(org));
        var action = page.Forms.Select(f => f.GetAttribute("action")!)
            .Single(a => a.Contains("handler=Revoke", StringComparison.Ordinal) && a.Contains($"id={keyId}", StringComparison.Ordinal));
        using var response = await staff.PostFormAsync(Page(org), [], action);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }
}
