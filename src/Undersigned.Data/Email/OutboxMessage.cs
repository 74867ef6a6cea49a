using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>
/// An email that a change has made necessary, written in the same transaction as that change and delivered later
/// by the outbox dispatcher. The row names what to send, not its text: the message is composed when it is sent,
/// so no link token and no copy of a signer's data waits in this table.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>Which composer builds the message, e.g. "signature-confirmation".</summary>
    public required string Kind { get; set; }

    /// <summary>One row per (subject, kind of email): asking again requeues the row instead of adding one.</summary>
    public required string IdempotencyKey { get; set; }

    public long? SignatureId { get; set; }

    /// <summary>What the message is about besides its recipient, by the kind's own meaning (an update's id, ...).</summary>
    public long? SubjectId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>A claim by one dispatcher; another may take the row once the lease has run out.</summary>
    public DateTime? LockedUntil { get; set; }

    public string? LockedBy { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? FailedAt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.HasIndex(m => m.IdempotencyKey).IsUnique();
        // Due rows are found by this index; sent and failed rows drop out of it.
        message.HasIndex(m => m.NextAttemptAt).HasFilter("sent_at IS NULL AND failed_at IS NULL");
        message.HasIndex(m => m.SignatureId);
        message.Property(m => m.Kind).HasMaxLength(40);
        message.Property(m => m.IdempotencyKey).HasMaxLength(120);
        message.Property(m => m.LockedBy).HasMaxLength(80);
        message.Property(m => m.LastError).HasMaxLength(500);
        message.HasOne<Signature>().WithMany().HasForeignKey(m => m.SignatureId).OnDelete(DeleteBehavior.Cascade);
    }
}
