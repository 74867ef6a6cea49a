using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>
/// Signatures from paper sheets (a rally, door to door), imported by staff who vouch for them: they count at
/// once, with source <c>paper</c> and this batch's id. A batch can be undone as a whole.
/// </summary>
public class PaperBatch
{
    public long Id { get; set; }
    public int PetitionId { get; set; }

    /// <summary>Where the sheets came from, in the staff member's words ("Rally at City Hall, May 3").</summary>
    public required string Description { get; set; }

    public required string ImportedBy { get; set; }
    public DateTime ImportedAt { get; set; }

    /// <summary>Signatures imported (repeats of existing signers are left out).</summary>
    public int Rows { get; set; }

    /// <summary>
    /// The uploaded sheet (CSV, UTF-8) while it waits between its preview and the "Import" press; null once imported.
    /// A batch with a sheet is staged: no signatures yet, not listed.
    /// </summary>
    public byte[]? Sheet { get; set; }

    public DateTime? UndoneAt { get; set; }
    public string? UndoneBy { get; set; }
}

internal sealed class PaperBatchConfiguration : IEntityTypeConfiguration<PaperBatch>
{
    public void Configure(EntityTypeBuilder<PaperBatch> batch)
    {
        batch.HasIndex(b => b.PetitionId);
        batch.HasOne<Petition>().WithMany().HasForeignKey(b => b.PetitionId).OnDelete(DeleteBehavior.Restrict);
        batch.Property(b => b.Description).HasMaxLength(200);
        batch.Property(b => b.ImportedBy).HasMaxLength(256);
        batch.Property(b => b.UndoneBy).HasMaxLength(256);
    }
}
