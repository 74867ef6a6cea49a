using Microsoft.EntityFrameworkCore;
using Undersigned.Data;

namespace Undersigned.Features.Petitions;

/// <summary>The campaign Undersigned was built for, seeded into an empty database so a first run has something real.</summary>
public static class DemoCampaign
{
    public const string Slug = "stop-shotspotter";

    public static readonly (string Slug, string Name, string Website)[] Partners =
    [
        ("acre", "Action Center on Race and the Economy", "https://acrecampaigns.org"),
        ("daily-kos", "Daily Kos", "https://www.dailykos.com"),
        ("demand-progress", "Demand Progress", "https://demandprogress.org"),
        ("fight-for-the-future", "Fight for the Future", "https://www.fightforthefuture.org"),
        ("freedom-to-thrive", "Freedom to Thrive", "https://freedomtothrive.org"),
        ("media-alliance", "Media Alliance", "https://media-alliance.org"),
        ("mpower-change", "MPower Change", "https://mpowerchange.org"),
        ("restore-the-fourth", "Restore The Fourth", "https://restorethe4th.com"),
        ("river-valley-organizing", "River Valley Organizing", "https://rivervalleyorganizing.org"),
    ];

    public static async Task SeedAsync(UndersignedDb db, TimeProvider clock)
    {
        if (await db.Petitions.AnyAsync())
        {
            return;
        }

        var lead = new Organization
        {
            Slug = "undersigned-coalition",
            Name = "Stop ShotSpotter Coalition",
            Description = "Organizations that work for communities, not for the surveillance of them.",
        };
        var partners = Partners.Select(p => new Organization { Slug = p.Slug, Name = p.Name, Website = p.Website }).ToList();
        var petition = new Petition
        {
            Slug = Slug,
            Title = "Stop surveilling Black and brown neighborhoods with ShotSpotter",
            TargetName = "ShotSpotter's CEO",
            TargetTitle = "SoundThinking, Inc.",
            Summary = "ShotSpotter hangs microphones over the neighborhoods that are already the most policed in America. "
                + "Its alerts send armed officers, primed for a shooting, into streets where fireworks, backfiring cars "
                + "and construction made the noise. We ask its chief executive to stop deploying acoustic surveillance "
                + "in Black and brown communities and to take down the sensors already there.",
            Body = Body,
            Goal = 100_000,
            Status = PetitionStatus.Open,
            CountingPolicy = CountingPolicy.OnConfirmation,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        petition.Sponsorships.Add(new Sponsorship { Organization = lead, Role = SponsorRole.Lead, MayDownloadSigners = true });
        petition.Sponsorships.AddRange(partners.Select((org, i) =>
            new Sponsorship { Organization = org, Role = SponsorRole.Partner, Position = i + 1, MayDownloadSigners = true }));

        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
    }

    private const string Body = """
        ## What we are asking

        Stop selling and operating ShotSpotter in Black and brown neighborhoods, remove the sensors already
        installed there, and stop recording the streets where people live.

        ## Loud noises are not gunshots

        ShotSpotter listens for bangs and a computer guesses which ones were gunfire. Fireworks, car backfires,
        slammed dumpster lids, nail guns and jackhammers on a construction site all make the kind of sharp noise
        it is built to catch. Independent reviews of city data have found that most alerts lead police to no
        evidence of any gun crime at all. Each of those alerts is still a dispatch.

        ## Every false alert sends police into an over-policed street

        Cities place the sensors where police already patrol the most, which means neighborhoods that are mostly
        Black and brown. An alert tells officers to expect an armed shooter. They arrive fast and on edge, at
        whoever happens to be standing nearby: kids walking home, people waiting for a bus, neighbors on a porch.
        Stops, searches and arrests follow alerts that were never gunfire, and the alerts are then cited to
        justify sending even more police to the same blocks.

        ## Microphones on the street, with no one watching them

        The sensors are always listening. They keep audio around each alert, and recordings of people talking
        have been used in court. Residents were never asked whether they wanted microphones on their corner, and
        there is no public oversight of what is kept, for how long, or who gets to hear it.

        ## Money for safety, not surveillance

        Cities pay millions of dollars a year for this system. That money could fund violence interruption,
        housing, youth programs and the services that actually make neighborhoods safer.

        Add your name to tell ShotSpotter's chief executive: stop surveilling our communities.
        """;
}
