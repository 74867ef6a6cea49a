using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>
/// A count a petition is working towards (1,000, 10,000, its goal). <see cref="ReachedAt"/> is set once, by a
/// conditional update, so a milestone fires once even with several app instances.
/// </summary>
public class Milestone
{
    public int Id { get; set; }
    public int PetitionId { get; set; }
    public int Count { get; set; }
    public DateTime? ReachedAt { get; set; }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> milestone)
    {
        milestone.HasIndex(m => new { m.PetitionId, m.Count }).IsUnique();
        milestone.HasOne<Petition>().WithMany().HasForeignKey(m => m.PetitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
