namespace Undersigned.Features.Staff;

/// <summary>The admin pages' own addresses for a petition.</summary>
public static class AdminPetitions
{
    /// <summary>Where a staff member edits the petition.</summary>
    public static string EditPath(string slug) => $"/admin/petitions/{Uri.EscapeDataString(slug)}/edit";
}
