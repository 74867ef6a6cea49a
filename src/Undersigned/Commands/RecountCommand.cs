using Undersigned.Features.OpenData;
using Undersigned.Storage;

namespace Undersigned.Commands;

/// <summary>
/// <c>recount [--petition SLUG] [--fix]</c>: recomputes the open-data counters from the signatures, prints every
/// drift, and corrects them only with <c>--fix</c>. Exits 1 when it found drift and did not fix it.
/// </summary>
public static class RecountCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await app.PrepareDatabaseAsync();
        var options = CommandOptions.Parse(args);
        var fix = options.Has("fix");
        await using var scope = app.Services.CreateAsyncScope();
        var drift = await scope.ServiceProvider.GetRequiredService<CounterRecount>().RunAsync(fix, CancellationToken.None, options["petition"]);
        foreach (var d in drift)
        {
            Console.WriteLine($"{d.Petition}: {d.Kind.ToString().ToLowerInvariant()} {d.Key} was {d.Stored}, the signatures give {d.Recounted}{(fix ? " (fixed)" : "")}");
        }
        Console.WriteLine(drift.Count == 0 ? "Every counter equals the recount." : $"{drift.Count} counter(s) drifted{(fix ? "; all fixed." : "; run again with --fix to correct them.")}");
        return drift.Count > 0 && !fix ? 1 : 0;
    }
}
