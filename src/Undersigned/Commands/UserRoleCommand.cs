using Microsoft.AspNetCore.Identity;
using Undersigned.Data;
using Undersigned.Features.Staff;

namespace Undersigned.Commands;

/// <summary>
/// <c>users role --email E --role admin|organizer|partner [--org SLUG]</c>: gives an account another role (and
/// organization). Its sessions end at once, so no browser keeps the access of the role it had.
/// </summary>
public static class UserRoleCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, CommandOptions options)
    {
        var db = services.GetRequiredService<UndersignedDb>();
        var (email, role, organization, error) = await UserCommands.ReadRoleAsync(db, options);
        if (error is not null)
        {
            return UserCommands.Fail(error);
        }
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByNameAsync(email!) is not { } user)
        {
            return UserCommands.Fail($"No staff account has the email '{email}'.");
        }
        // UserManager saves through the same DbContext, so the role, the organization and the ended sessions go together.
        await using var transaction = await db.Database.BeginTransactionAsync();
        user.OrganizationId = organization?.Id;
        var result = await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        result = result.Succeeded ? await users.AddToRoleAsync(user, role!) : result;
        result = result.Succeeded ? await users.UpdateSecurityStampAsync(user) : result;
        if (!result.Succeeded)
        {
            return UserCommands.Fail(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
        }
        var ended = await db.EndAllSessionsAsync(user.Id);
        await transaction.CommitAsync();
        Console.WriteLine($"{user.Email} is now {role}{(organization is null ? "" : $" of {organization.Name} ({organization.Slug})")};"
            + $" {ended} session(s) ended.");
        return 0;
    }
}
