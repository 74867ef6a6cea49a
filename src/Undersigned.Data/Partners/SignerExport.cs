using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>The audit log of personal data leaving the platform: every CSV download and every partner-API page.</summary>
public class SignerExport
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int PetitionId { get; set; }

    /// <summary>Who took the data: a staff member's email, or an API key's name and prefix.</summary>
    public required string ExportedBy { get; set; }

    public int? StaffUserId { get; set; }
    public int? ApiKeyId { get; set; }
    public ExportChannel Channel { get; set; }
    public int Rows { get; set; }
    public DateTime ExportedAt { get; set; }
}

public enum ExportChannel
{
    Csv,
    Api,
}

internal sealed class SignerExportConfiguration : IEntityTypeConfiguration<SignerExport>
{
    public void Configure(EntityTypeBuilder<SignerExport> export)
    {
        export.HasIndex(e => new { e.OrganizationId, e.ExportedAt });
        export.HasOne<Organization>().WithMany().HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        export.HasOne<Petition>().WithMany().HasForeignKey(e => e.PetitionId).OnDelete(DeleteBehavior.Restrict);
        export.Property(e => e.ExportedBy).HasMaxLength(300);
        export.Property(e => e.Channel).HasConversion<string>().HasMaxLength(8);
    }
}
