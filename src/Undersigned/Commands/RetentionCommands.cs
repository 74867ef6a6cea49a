using Microsoft.EntityFrameworkCore;
using Undersigned.Data;
using Undersigned.Features.Privacy;
using Undersigned.Storage;

namespace Undersigned.Commands;

/// <summary>
/// <c>anonymize</c> applies the retention policy now; <c>anonymize --petition SLUG</c> erases the personal data
/// of one closed or delivered petition at once, whatever its date.
/// </summary>
public static class RetentionCommands
{
    public static async Task<int> AnonymizeAsync(WebApplication app, string[] args)
    {
        await app.PrepareDatabaseAsync();
        var slug = CommandOptions.Parse(args)["petition"];
        if (slug is null)
        {
            var done = await app.Services.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);
            Console.WriteLine(done.Count == 0 ? "No petition is due for anonymization." : $"Anonymized: {string.Join(", ", done)}");
            return 0;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UndersignedDb>();
        var petition = await db.Petitions.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug);
        if (petition is null || petition.Status is not (PetitionStatus.Closed or PetitionStatus.Delivered))
        {
            await Console.Error.WriteLineAsync(petition is null
                ? $"No petition has the slug '{slug}'."
                : $"'{slug}' is {petition.Status.ToString().ToLowerInvariant()}: close it before erasing its signers' data.");
            return 2;
        }
        var erased = await scope.ServiceProvider.GetRequiredService<PetitionAnonymizer>().AnonymizeAsync(petition, CancellationToken.None);
        Console.WriteLine($"Anonymized {erased} signature(s) of {slug}.");
        return 0;
    }
}
