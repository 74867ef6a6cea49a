namespace Undersigned.Browser.Tests.Pages.Staff;

/// <summary>What an organizer types into the petition form; each new draft has an address no other petition has.</summary>
public sealed record PetitionDraft(string Title, string Slug, string TargetName, string Summary, string Body, int Goal)
{
    public static PetitionDraft New()
    {
        var slug = $"bike-paths-{Guid.NewGuid():N}"[..24];
        return new($"Light the bike paths {slug[^4..]} at night", slug, "Parks Commissioner",
            "People ride home from work after dark.", "## Why\n\nThe paths are **dark** from October to March.", 2500);
    }
}
