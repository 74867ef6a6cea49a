using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>
/// One decision that changed which signatures count: a review decision, an invalidation, a paper import or its
/// undoing. Append-only: nothing in the code updates or deletes a row, so nobody can shrink or pad a count silently.
/// </summary>
public class ModerationEntry
{
    public long Id { get; set; }
    public int PetitionId { get; set; }
    public ModerationAction Action { get; set; }

    /// <summary>The staff member's email address as it was when they acted (accounts can be deleted; the log stays).</summary>
    public required string StaffEmail { get; set; }

    public DateTime At { get; set; }

    /// <summary>What the decision applied to, in words: the group, the criteria, the batch.</summary>
    public required string Criteria { get; set; }

    /// <summary>How many signatures it changed.</summary>
    public int Count { get; set; }

    /// <summary>Why, in the staff member's words.</summary>
    public required string Reason { get; set; }
}

public enum ModerationAction
{
    Approved,
    Rejected,
    Invalidated,

    /// <summary>An invalidation stopped by staff before it finished; <see cref="ModerationEntry.Count"/> is what it changed.</summary>
    InvalidationCancelled,

    PaperImported,
    PaperUndone,
}

internal sealed class ModerationEntryConfiguration : IEntityTypeConfiguration<ModerationEntry>
{
    public void Configure(EntityTypeBuilder<ModerationEntry> entry)
    {
        entry.HasIndex(e => new { e.PetitionId, e.Id });
        entry.HasOne<Petition>().WithMany().HasForeignKey(e => e.PetitionId).OnDelete(DeleteBehavior.Restrict);
        entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(24);
        entry.Property(e => e.StaffEmail).HasMaxLength(256);
        entry.Property(e => e.Criteria).HasMaxLength(2000);
        entry.Property(e => e.Reason).HasMaxLength(1000);
    }
}
