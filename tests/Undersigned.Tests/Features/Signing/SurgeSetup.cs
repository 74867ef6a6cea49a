using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Petitions;
using Undersigned.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Undersigned.Tests.Features.Signing;

/// <summary>What the surge tests (a crash, an outage, two instances) share: how they run the app and read its log.</summary>
internal static class SurgeSetup
{
    /// <summary>The database's settings for an app process, plus any extra, with the log kept to warnings and worse.</summary>
    public static Dictionary<string, string> ProcessSettings(TestDatabase database,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string>(database.Settings) { ["Logging:LogLevel:Default"] = "Warning" };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value!;
        }
        return settings;
    }

    /// <summary>The demo petition counts each signature at once, so every new signature acknowledged is a counted one.</summary>
    public static async Task CountDemoAtOnceAsync(TestDatabase database)
    {
        await using var db = database.Open();
        await db.Petitions.Where(p => p.Slug == DemoCampaign.Slug)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.CountingPolicy, CountingPolicy.AtOnce));
    }

    /// <summary>The end of each app process's log, so a failing run shows what the server said.</summary>
    public static void WriteLogs(ITestOutputHelper output, params (string Name, AppProcess? App)[] apps)
    {
        foreach (var (name, app) in apps)
        {
            if (app is null)
            {
                continue;
            }
            var log = app.Log;
            output.WriteLine($"--- {name} log (last 6000 characters of {log.Length}) ---");
            output.WriteLine(log.Length > 6000 ? log[^6000..] : log);
        }
    }
}
