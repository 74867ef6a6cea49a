using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>An organization's part in a petition: its lead, or one of its partners.</summary>
public class Sponsorship
{
    public int PetitionId { get; set; }
    public int OrganizationId { get; set; }
    public SponsorRole Role { get; set; }

    /// <summary>Order in which partners are listed on the petition page.</summary>
    public int Position { get; set; }

    /// <summary>
    /// Whether this organization may download the signers who opted in to it. The lead decides per partner; a
    /// partner without it still sees its figures.
    /// </summary>
    public bool MayDownloadSigners { get; set; }

    public Petition? Petition { get; set; }
    public Organization? Organization { get; set; }
}

public enum SponsorRole
{
    Lead,
    Partner,
}

internal sealed class SponsorshipConfiguration : IEntityTypeConfiguration<Sponsorship>
{
    public void Configure(EntityTypeBuilder<Sponsorship> sponsorship)
    {
        sponsorship.HasKey(s => new { s.PetitionId, s.OrganizationId });
        sponsorship.Property(s => s.Role).HasConversion<string>().HasMaxLength(16);
        sponsorship.HasOne(s => s.Petition).WithMany(p => p.Sponsorships).HasForeignKey(s => s.PetitionId);
        sponsorship.HasOne(s => s.Organization).WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
