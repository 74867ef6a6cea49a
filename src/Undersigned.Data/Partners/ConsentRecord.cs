using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>
/// One signer saying yes, or later no, to an organization having their name and email. Append-only: the record
/// of what the person was shown and when is never rewritten. <see cref="PartnerOptIn"/> holds the current answer.
/// </summary>
public class ConsentRecord
{
    public long Id { get; set; }
    public long SignatureId { get; set; }
    public int PetitionId { get; set; }
    public int OrganizationId { get; set; }
    public ConsentAction Action { get; set; }

    /// <summary>The exact sentence the signer saw beside the box, in their language, with the organization's name.</summary>
    public required string Wording { get; set; }

    /// <summary>Which version of the consent text that sentence comes from (e.g. "partner-share/1").</summary>
    public required string WordingVersion { get; set; }

    /// <summary>The page the signer was on (path and query).</summary>
    public required string Page { get; set; }

    public required string Locale { get; set; }
    public DateTime RecordedAt { get; set; }
}

public enum ConsentAction
{
    Granted,
    Withdrawn,
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> consent)
    {
        consent.HasIndex(c => c.SignatureId);
        consent.HasOne<Signature>().WithMany().HasForeignKey(c => c.SignatureId).OnDelete(DeleteBehavior.Cascade);
        consent.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        consent.Property(c => c.Action).HasConversion<string>().HasMaxLength(16);
        consent.Property(c => c.Wording).HasMaxLength(500);
        consent.Property(c => c.WordingVersion).HasMaxLength(40);
        consent.Property(c => c.Page).HasMaxLength(500);
        consent.Property(c => c.Locale).HasMaxLength(16);
    }
}
