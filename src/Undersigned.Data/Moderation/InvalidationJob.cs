using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>
/// Staff's request to invalidate every signature of a petition matching some criteria, carried out in the
/// background in batches by whichever instance takes it; it survives a restart (it resumes from <see cref="LastId"/>).
/// </summary>
public class InvalidationJob
{
    public long Id { get; set; }
    public int PetitionId { get; set; }

    /// <summary>The criteria as JSON (<c>SignatureCriteria</c>).</summary>
    public required string Criteria { get; set; }

    public required string Reason { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }
    public InvalidationState State { get; set; }

    /// <summary>Signatures that matched when the job was asked for (the dry run's figure).</summary>
    public int Matched { get; set; }

    /// <summary>Signatures invalidated so far.</summary>
    public int Invalidated { get; set; }

    /// <summary>The highest signature id looked at: each batch takes the next ids above it.</summary>
    public long LastId { get; set; }

    /// <summary>The highest signature id when the job was asked for: later signatures are not part of it.</summary>
    public long UpToId { get; set; }

    public bool CancelRequested { get; set; }
    public string? CancelledBy { get; set; }
    public DateTime? FinishedAt { get; set; }
}

public enum InvalidationState
{
    Queued,
    Running,
    Done,
    Cancelled,
}

internal sealed class InvalidationJobConfiguration : IEntityTypeConfiguration<InvalidationJob>
{
    public void Configure(EntityTypeBuilder<InvalidationJob> job)
    {
        job.HasIndex(j => new { j.State, j.Id });
        job.HasIndex(j => j.PetitionId);
        job.HasOne<Petition>().WithMany().HasForeignKey(j => j.PetitionId).OnDelete(DeleteBehavior.Restrict);
        job.Property(j => j.Criteria).HasMaxLength(2000);
        job.Property(j => j.Reason).HasMaxLength(1000);
        job.Property(j => j.RequestedBy).HasMaxLength(256);
        job.Property(j => j.CancelledBy).HasMaxLength(256);
        job.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
    }
}
