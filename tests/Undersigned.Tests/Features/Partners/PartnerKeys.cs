using Undersigned.Tests.Infrastructure;

namespace Undersigned.Tests.Features.Partners;

/// <summary>Creating and revoking keys through the real keys page, as an organization's staff would.</summary>
public static class PartnerKeys
{
    public static string Page(string org) => $"/partners/{org}/keys";

    public const string CreateButton = "Create a key";

    /// <summary>Creates a key on the page and returns it as the page showed it, once.</summary>
    public static async Task<string> CreateAsync(StaffMember staff, string org, string name = "CRM sync")
    {
        var form = await staff.FormAsync(Page(org), CreateButton);
        using var response = await form.Set("Name", name).SubmitAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        return page.QuerySelector(".new-key")?.TextContent.Trim() ?? throw new InvalidOperationException("No new key on the page.");
    }

    /// <summary>Presses the Revoke button in the key's row of the keys table.</summary>
    public static async Task RevokeAsync(StaffMember staff, string org, int keyId)
    {
        var form = await staff.FormAsync(Page(org), selector: $"form[action*='?id={keyId}&'][action$='handler=Revoke']");
        using var response = await form.SubmitAsync();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }
}
