using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>
/// A signer's standing yes to one organization: the row exists while consent is given. Exports and the partner
/// API read only these; withdrawing deletes the row (and appends a <see cref="ConsentRecord"/>).
/// </summary>
public class PartnerOptIn
{
    public long SignatureId { get; set; }
    public int OrganizationId { get; set; }
    public int PetitionId { get; set; }
    public DateTime GrantedAt { get; set; }
}

internal sealed class PartnerOptInConfiguration : IEntityTypeConfiguration<PartnerOptIn>
{
    public void Configure(EntityTypeBuilder<PartnerOptIn> optIn)
    {
        optIn.HasKey(o => new { o.SignatureId, o.OrganizationId });
        // An export walks one organization's opt-ins on one petition in signature order (the API's cursor).
        optIn.HasIndex(o => new { o.PetitionId, o.OrganizationId, o.SignatureId });
        optIn.HasOne<Signature>().WithMany().HasForeignKey(o => o.SignatureId).OnDelete(DeleteBehavior.Cascade);
        optIn.HasOne<Organization>().WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
