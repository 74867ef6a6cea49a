using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>
/// A key an organization's CRM uses on the partner API. The secret is shown once and stored only as a SHA-256
/// hash: it is random and long, so a slow password hash would add nothing but latency.
/// </summary>
public class ApiKey
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Name { get; set; }

    /// <summary>The public start of the key, to find it and to tell keys apart in the dashboard.</summary>
    public required string Prefix { get; set; }

    public required byte[] SecretHash { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.HasIndex(k => k.Prefix).IsUnique();
        key.HasIndex(k => k.OrganizationId);
        key.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        key.Property(k => k.Name).HasMaxLength(100);
        key.Property(k => k.Prefix).HasMaxLength(24);
        key.Property(k => k.SecretHash).HasMaxLength(32);
        key.Property(k => k.CreatedBy).HasMaxLength(256);
    }
}
