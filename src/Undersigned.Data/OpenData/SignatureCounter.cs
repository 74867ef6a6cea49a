using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>
/// How many of a petition's counted signatures fall in one country, one US state or one UTC hour: the open data's
/// figures, kept in the same transaction as every change of the count so that no reader scans signatures. A
/// recount from the rows checks them (<c>recount</c>). Nothing finer than a state, nothing about anyone.
/// </summary>
public class SignatureCounter
{
    public int PetitionId { get; set; }
    public CounterKind Kind { get; set; }

    /// <summary>The country's ISO code (US), the state's USPS code (IL), or the hour as 2026-12-03T14.</summary>
    public required string Key { get; set; }

    public int Count { get; set; }
}

public enum CounterKind
{
    Country,
    State,
    Hour,
}

internal sealed class SignatureCounterConfiguration : IEntityTypeConfiguration<SignatureCounter>
{
    public void Configure(EntityTypeBuilder<SignatureCounter> counter)
    {
        counter.HasKey(c => new { c.PetitionId, c.Kind, c.Key });
        counter.HasOne<Petition>().WithMany().HasForeignKey(c => c.PetitionId).OnDelete(DeleteBehavior.Cascade);
        counter.Property(c => c.Kind).HasConversion<string>().HasMaxLength(8);
        counter.Property(c => c.Key).HasMaxLength(16);
    }
}
