using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>News an organizer posts on a petition: shown on its page and emailed to signers who asked for updates.</summary>
public class PetitionUpdate
{
    public long Id { get; set; }
    public int PetitionId { get; set; }
    public required string Title { get; set; }

    /// <summary>Markdown as written; rendered and sanitized for the page and the email.</summary>
    public required string Body { get; set; }

    public required string PostedBy { get; set; }
    public DateTime PostedAt { get; set; }

    /// <summary>When its emails were queued, one outbox row per recipient; null until then.</summary>
    public DateTime? EmailQueuedAt { get; set; }

    public int Recipients { get; set; }
}

internal sealed class PetitionUpdateConfiguration : IEntityTypeConfiguration<PetitionUpdate>
{
    public void Configure(EntityTypeBuilder<PetitionUpdate> update)
    {
        update.HasIndex(u => new { u.PetitionId, u.PostedAt });
        update.HasOne<Petition>().WithMany().HasForeignKey(u => u.PetitionId).OnDelete(DeleteBehavior.Restrict);
        update.Property(u => u.Title).HasMaxLength(200);
        update.Property(u => u.Body).HasMaxLength(20_000);
        update.Property(u => u.PostedBy).HasMaxLength(256);
    }
}
