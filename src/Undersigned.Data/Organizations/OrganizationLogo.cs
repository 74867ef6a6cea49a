using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>
/// An organization's logo, re-encoded by the app from a checked upload. Kept in the database, apart from the
/// organization row, so every instance serves it and pages that list organizations never load the bytes.
/// </summary>
public class OrganizationLogo
{
    public int OrganizationId { get; set; }
    public required byte[] Content { get; set; }
    public required string ContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
}

internal sealed class OrganizationLogoConfiguration : IEntityTypeConfiguration<OrganizationLogo>
{
    public void Configure(EntityTypeBuilder<OrganizationLogo> logo)
    {
        logo.HasKey(l => l.OrganizationId);
        logo.HasOne<Organization>().WithOne().HasForeignKey<OrganizationLogo>(l => l.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        logo.Property(l => l.ContentType).HasMaxLength(32);
    }
}
