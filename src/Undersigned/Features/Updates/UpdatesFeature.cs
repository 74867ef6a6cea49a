namespace Undersigned.Features.Updates;

/// <summary>Updates posted by organizers, emailed to the signers who asked for them; unsubscribing; milestones.</summary>
public static class UpdatesFeature
{
    public static void AddUpdates(this WebApplicationBuilder builder)
    {
    }

    public static void MapUpdates(this WebApplication app)
    {
    }
}
