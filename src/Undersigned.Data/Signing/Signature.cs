using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>One person's name on one petition. A person is their normalized email address.</summary>
public class Signature
{
    public long Id { get; set; }
    public int PetitionId { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }

    /// <summary>The address as the signer typed it (trimmed), used to write to them.</summary>
    public required string Email { get; set; }

    /// <summary>The address reduced to one form per mailbox; unique per petition.</summary>
    public required string NormalizedEmail { get; set; }

    public string? PostalCode { get; set; }

    /// <summary>ISO 3166-1 alpha-2 code.</summary>
    public required string Country { get; set; }

    public string? Comment { get; set; }
    public bool ShowNamePublicly { get; set; }
    public bool WantsUpdates { get; set; }

    /// <summary>The language the signer read the petition in.</summary>
    public required string Locale { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The link that brought the signer: a sponsor's slug, optionally with a sub-code ("org.newsletter").</summary>
    public string? Source { get; set; }

    /// <summary>The sponsoring organization credited with this signature, read from <see cref="Source"/>.</summary>
    public int? SourceOrganizationId { get; set; }

    /// <summary>Pending until the signer confirms their address, where the petition counts on confirmation.</summary>
    public SignatureStatus Status { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    /// <summary>When the signer last asked for the confirmation email, and how often: the resend limit reads these.</summary>
    public DateTime? ConfirmationRequestedAt { get; set; }

    public int ConfirmationRequests { get; set; }

    /// <summary>
    /// Over a rate limit (many signatures from one network address or email domain): stored, but not counted until
    /// staff review it. Real people behind a shared address are kept, not refused.
    /// </summary>
    public bool HeldForReview { get; set; }

    /// <summary>What looked unusual about this signature, for staff (e.g. "too-fast"); it still counts.</summary>
    public string? ReviewFlags { get; set; }

    /// <summary>Which limit held it: the network address's or the email domain's; null when not held.</summary>
    public HoldReason? HoldReason { get; set; }

    /// <summary>
    /// An opaque id shared by the signatures one rate window held (the burst they came in), made in memory when
    /// the window tripped; never derived from the network address, which is never stored.
    /// </summary>
    public string? BurstId { get; set; }

    /// <summary>The status before the last change of status, written by the same UPDATE (<c>SignatureLifecycle</c>).</summary>
    public SignatureStatus? PreviousStatus { get; set; }

    /// <summary>The paper sheet batch a signature typed in by staff came from; null for signatures made online.</summary>
    public long? PaperBatchId { get; set; }
}

public enum HoldReason
{
    /// <summary>Past the limit of signatures from one network address in a window.</summary>
    Address,

    /// <summary>Past the limit of signatures from one email domain in a window.</summary>
    Domain,
}

public enum SignatureStatus
{
    /// <summary>Waiting for the signer to confirm their email address.</summary>
    Pending,

    Counted,

    /// <summary>Confirmed or accepted, but held for staff review: not counted.</summary>
    Held,

    /// <summary>
    /// Taken back by the signer: not counted, never delivered or exported, and the personal details erased. The
    /// row stays so the count's history adds up; the address is free to sign again.
    /// </summary>
    Withdrawn,

    /// <summary>
    /// Rejected by staff (review or invalidation): kept for the record, never counted, exported or delivered.
    /// </summary>
    Invalidated,
}

internal sealed class SignatureConfiguration : IEntityTypeConfiguration<Signature>
{
    public void Configure(EntityTypeBuilder<Signature> signature)
    {
        // The constraint, not a check in code, is what makes one signature per person per petition.
        signature.HasIndex(s => new { s.PetitionId, s.NormalizedEmail }).IsUnique();
        // Recent public signers are read newest first; the partial index keeps that read O(page), not a scan.
        signature.HasIndex(s => new { s.PetitionId, s.Id });
        signature.HasIndex(s => new { s.PetitionId, s.Id }, "PublicSigners")
            .HasFilter("show_name_publicly").HasDatabaseName("ix_signatures_public_signers");
        // A petition with signatures is never deleted by accident: they are the campaign's record.
        signature.HasOne<Petition>().WithMany().HasForeignKey(s => s.PetitionId).OnDelete(DeleteBehavior.Restrict);
        signature.Property(s => s.FirstName).HasMaxLength(SignatureLimits.Name);
        signature.Property(s => s.LastName).HasMaxLength(SignatureLimits.Name);
        signature.Property(s => s.Email).HasMaxLength(SignatureLimits.Email);
        signature.Property(s => s.NormalizedEmail).HasMaxLength(SignatureLimits.Email);
        signature.Property(s => s.PostalCode).HasMaxLength(SignatureLimits.PostalCode);
        signature.Property(s => s.Country).HasMaxLength(2).IsFixedLength();
        signature.Property(s => s.Comment).HasMaxLength(SignatureLimits.Comment);
        signature.Property(s => s.Locale).HasMaxLength(16);
        signature.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        signature.Property(s => s.ReviewFlags).HasMaxLength(64);
        signature.Property(s => s.HoldReason).HasConversion<string>().HasMaxLength(16);
        signature.Property(s => s.BurstId).HasMaxLength(16);
        signature.Property(s => s.PreviousStatus).HasConversion<string>().HasMaxLength(16);
        // A paper batch's rows are found (to undo it) without a scan; online signatures have none.
        signature.HasIndex(s => s.PaperBatchId).HasFilter("paper_batch_id IS NOT NULL");
        signature.HasOne<PaperBatch>().WithMany().HasForeignKey(s => s.PaperBatchId).OnDelete(DeleteBehavior.Restrict);
        signature.Property(s => s.Source).HasMaxLength(SignatureLimits.Source);
        // Dashboards count a partner's signatures on a petition.
        signature.HasIndex(s => new { s.PetitionId, s.SourceOrganizationId });
        signature.HasOne<Organization>().WithMany().HasForeignKey(s => s.SourceOrganizationId).OnDelete(DeleteBehavior.Restrict);
        // The sweeper finds expired unconfirmed signatures without scanning counted ones.
        signature.HasIndex(s => new { s.Status, s.CreatedAt });
    }
}

/// <summary>Field lengths, in characters, documented in docs/signing.md.</summary>
public static class SignatureLimits
{
    public const int Name = 100;
    public const int Email = 254;
    public const int PostalCode = 12;
    public const int Comment = 1000;
    public const int Source = 105;
}
