using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Commands;

/// <summary>
/// Tasks an operator runs with the same executable and configuration as the web server:
/// <c>dotnet run --project src/Undersigned -- migrate</c>.
/// </summary>
public static class OperatorCommands
{
    private static readonly Dictionary<string, (string Help, Func<WebApplication, string[], Task<int>> Run)> Commands = new()
    {
        ["migrate"] = ("Apply pending database migrations and exit.", MigrateAsync),
        ["users"] = ("Add a staff account (users add --email E --role admin|organizer|partner [--org SLUG] [--password-stdin]), change its role (users role, same options but the password) or list them.", UserCommands.RunAsync),
        ["anonymize"] = ("Erase signers' personal data of petitions past retention (or --petition SLUG, closed, now).", RetentionCommands.AnonymizeAsync),
        ["deliver"] = ("Write a petition's delivery package (deliver --petition SLUG --out DIR [--format pdf|csv|both]).", DeliverCommand.RunAsync),
        ["recount"] = ("Recompute the open-data counters from the signatures and print any drift (recount [--petition SLUG] [--fix]).", RecountCommand.RunAsync),
        ["help"] = ("List the commands.", (_, _) => Task.FromResult(Usage(Console.Out))),
    };

    /// <summary>Flags of commands that take no value.</summary>
    private static readonly string[] Flags = ["--password-stdin", "--fix"];

    /// <summary>
    /// The arguments for configuration, without the commands' bare flags: configuration reads "--key value", so a
    /// flag would swallow the setting after it (<c>--password-stdin --ConnectionStrings:Default=...</c>).
    /// </summary>
    public static string[] ConfigurationArgs(string[] args) => [.. args.Where(a => !Flags.Contains(a))];

    /// <summary>A first argument that is not an option names a command; everything else starts the web server.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (!Commands.TryGetValue(args[0], out var command))
        {
            await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'.");
            Usage(Console.Error);
            return 2;
        }
        return await command.Run(app, args[1..]);
    }

    private static async Task<int> MigrateAsync(WebApplication app, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        var pending = await Storage.DatabaseStartup.MigrateAsync(db);
        Console.WriteLine(pending.Count == 0
            ? "The database is up to date."
            : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        return 0;
    }

    private static int Usage(TextWriter output)
    {
        output.WriteLine("Usage: dotnet run --project src/Undersigned -- <command>");
        foreach (var (name, (help, _)) in Commands)
        {
            output.WriteLine($"  {name,-10} {help}");
        }
        return 0;
    }
}
