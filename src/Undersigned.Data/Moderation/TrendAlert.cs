using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>
/// A group of a petition's last hour of signatures (one email domain, burst or source) that grew past its
/// threshold. One row per group and hour, so the organizers are emailed at most once per group per hour.
/// </summary>
public class TrendAlert
{
    public long Id { get; set; }
    public int PetitionId { get; set; }
    public TrendKind Kind { get; set; }

    /// <summary>The domain, burst id or source code.</summary>
    public required string Key { get; set; }

    /// <summary>The start of the UTC hour the alert belongs to.</summary>
    public DateTime Hour { get; set; }

    /// <summary>Signatures in the group in the hour before the alert was raised (updated as it grows).</summary>
    public int Count { get; set; }

    public DateTime RaisedAt { get; set; }
    public DateTime? EmailedAt { get; set; }
}

public enum TrendKind
{
    Domain,
    Burst,
    Source,
}

internal sealed class TrendAlertConfiguration : IEntityTypeConfiguration<TrendAlert>
{
    public void Configure(EntityTypeBuilder<TrendAlert> alert)
    {
        alert.HasIndex(a => new { a.PetitionId, a.Kind, a.Key, a.Hour }).IsUnique();
        alert.HasIndex(a => a.RaisedAt);
        alert.HasOne<Petition>().WithMany().HasForeignKey(a => a.PetitionId).OnDelete(DeleteBehavior.Cascade);
        alert.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        alert.Property(a => a.Key).HasMaxLength(SignatureLimits.Source);
    }
}
