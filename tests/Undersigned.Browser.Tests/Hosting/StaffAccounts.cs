using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Undersigned.Data;

namespace Undersigned.Browser.Tests.Hosting;

/// <summary>A staff member's email and password, to type into the login form.</summary>
public sealed record StaffAccount(string Email, string Password, string Role, string? Organization);

/// <summary>Staff accounts made in the app's database through Identity, as the <c>users add</c> command makes them.</summary>
public static class StaffAccounts
{
    public const string Lead = "undersigned-coalition";
    public const string Partner = "daily-kos";

    private const string Password = "correct horse battery staple";

    /// <summary>A new account of <paramref name="role"/>, working for the organization <paramref name="organization"/> (by slug), if any.</summary>
    public static async Task<StaffAccount> CreateAsync(this AppHost app, string role, string? organization = null)
    {
        var email = $"{role}.{Guid.NewGuid():N}@staff.example.org";
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var orgId = organization is null ? (int?)null : await db.Organizations.Where(o => o.Slug == organization).Select(o => o.Id).SingleAsync();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, OrganizationId = orgId, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return new StaffAccount(email, Password, role, organization);
    }
}
