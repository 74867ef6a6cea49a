using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>A member of a coalition: the lead of a petition or one of its partners.</summary>
public class Organization
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Website { get; set; }
    public string? Description { get; set; }

    /// <summary>When the logo last changed (null: no logo); part of its URL, so caches never serve an old one.</summary>
    public DateTime? LogoUpdatedAt { get; set; }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> organization)
    {
        organization.HasIndex(o => o.Slug).IsUnique();
        organization.Property(o => o.Slug).HasMaxLength(64);
        organization.Property(o => o.Name).HasMaxLength(200);
        organization.Property(o => o.Website).HasMaxLength(300);
        organization.Property(o => o.Description).HasMaxLength(1000);
    }
}
