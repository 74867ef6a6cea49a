namespace Undersigned.Features.Paper;

/// <summary>
/// What importing a staged sheet would do: every row checked, the rows with errors (each with its line), the
/// rows that repeat a signer (an address that signed already, online or on paper, or twice on the sheet), and
/// the rows that would be imported. Lists are cut at <see cref="Shown"/>; the counts are whole.
/// </summary>
public sealed class PaperPreview
{
    public const int Shown = 100;

    /// <summary>Why the sheet as a whole cannot be read (wrong columns, broken quoting), or null.</summary>
    public string? SheetProblem { get; set; }

    public int Rows { get; set; }
    public int ErrorRows { get; set; }
    public int Duplicates { get; set; }
    public int ToImport { get; set; }
    public int WithEmail { get; set; }
    public int MayEmail { get; set; }

    /// <summary>Rows to import shared with each sponsor, by organization id.</summary>
    public Dictionary<int, int> Shared { get; } = [];

    public List<PaperRow> Errors { get; } = [];
    public List<(int Line, string Name, string Why)> Repeats { get; } = [];
    public List<PaperRow> Sample { get; } = [];

    /// <summary>Whether the sheet may be imported: it reads, and every row passes (repeats are left out, not errors).</summary>
    public bool CanImport => SheetProblem is null && ErrorRows == 0 && ToImport > 0;
}
