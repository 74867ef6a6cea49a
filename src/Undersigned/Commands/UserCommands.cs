using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Storage;

namespace Undersigned.Commands;

/// <summary>
/// <c>users add --email E --role admin|organizer|partner [--org SLUG] [--password-stdin]</c>, <c>users role</c>
/// (<see cref="UserRoleCommand"/>) and <c>users list</c>: staff accounts are made here, never by self-registration
/// on the site.
/// </summary>
public static class UserCommands
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        return args.FirstOrDefault() switch
        {
            "add" => await AddAsync(services, CommandOptions.Parse(args[1..])),
            "role" => await UserRoleCommand.RunAsync(services, CommandOptions.Parse(args[1..])),
            "list" => await ListAsync(services.GetRequiredService<UndersignedDb>()),
            _ => Fail("Usage: users add --email E --role admin|organizer|partner [--org SLUG] [--password-stdin]"
                + " | users role --email E --role admin|organizer|partner [--org SLUG] | users list"),
        };
    }

    private static async Task<int> AddAsync(IServiceProvider services, CommandOptions options)
    {
        var (email, role, organization, error) = await ReadRoleAsync(services.GetRequiredService<UndersignedDb>(), options);
        if (error is not null)
        {
            return Fail(error);
        }
        var password = options.Has("password-stdin") ? Console.In.ReadLine() : PasswordPrompt.Ask();
        if (string.IsNullOrEmpty(password))
        {
            return Fail("No password given.");
        }
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser
        {
            UserName = email, Email = email, EmailConfirmed = true, OrganizationId = organization?.Id, CreatedAt = DateTime.UtcNow,
        };
        var created = await users.CreateAsync(user, password.TrimEnd('\r', '\n'));
        var result = created.Succeeded ? await users.AddToRoleAsync(user, role!) : created;
        if (!result.Succeeded)
        {
            return Fail(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
        }
        Console.WriteLine($"Added {email} as {role}{(organization is null ? "" : $" of {organization.Name} ({organization.Slug})")}.");
        return 0;
    }

    /// <summary>The account's email, its role and its organization (none for admins), or what is wrong with them.</summary>
    internal static async Task<(string? Email, string? Role, Organization? Organization, string? Error)> ReadRoleAsync(
        UndersignedDb db, CommandOptions options)
    {
        var (email, role, org) = (options["email"]?.Trim(), options["role"]?.Trim().ToLowerInvariant(), options["org"]?.Trim());
        if (string.IsNullOrEmpty(email) || role is null || !StaffRoles.All.Contains(role))
        {
            return (null, null, null, "Give --email and --role (admin, organizer or partner).");
        }
        if ((role == StaffRoles.Admin) != (org is null))
        {
            return (null, null, null,
                role == StaffRoles.Admin ? "An admin belongs to no organization: leave out --org." : $"A {role} needs --org SLUG.");
        }
        var organization = org is null ? null : await db.Organizations.SingleOrDefaultAsync(o => o.Slug == org);
        return org is not null && organization is null
            ? (null, null, null, $"No organization has the slug '{org}'.")
            : (email, role, organization, null);
    }

    private static async Task<int> ListAsync(UndersignedDb db)
    {
        var rows = await (from user in db.Users
                          join link in db.UserRoles on user.Id equals link.UserId
                          join role in db.Roles on link.RoleId equals role.Id
                          orderby user.Email
                          select new { user.Email, Role = role.Name, Org = user.Organization!.Slug }).ToListAsync();
        foreach (var row in rows)
        {
            Console.WriteLine($"{row.Email,-40} {row.Role,-10} {row.Org}");
        }
        return 0;
    }

    internal static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
