using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Petitions;

namespace Undersigned.Storage;

public static class DatabaseStartup
{
    /// <summary>Brings the schema up to date, then seeds the demo campaign into an empty database.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        await db.Database.MigrateAsync();
        if (app.Configuration.GetValue("Seed:Demo", defaultValue: true))
        {
            await DemoCampaign.SeedAsync(db, TimeProvider.System);
        }
    }
}
