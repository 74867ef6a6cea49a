using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>
/// An email address typed into a form that answers by email: the sign form for an address that had signed, the
/// new-confirmation-link page, the lost-link page. The form writes this row the same way for any address and
/// answers at once; a background job then looks the address up, queues whatever email that signer is owed (or
/// nothing), and deletes the row. So the form takes as long whether or not the address signed, and nothing is
/// kept of an address that never did.
/// </summary>
public class AddressRequest
{
    public long Id { get; set; }
    public int PetitionId { get; set; }
    public AddressRequestPurpose Purpose { get; set; }

    /// <summary>The address as normalized for signing; held only until the request is answered.</summary>
    public required string NormalizedEmail { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum AddressRequestPurpose
{
    /// <summary>The sign form, with an address that had already signed this petition.</summary>
    SignedAgain,

    /// <summary>The confirmation link again, for a signature still waiting for it.</summary>
    ConfirmationLink,

    /// <summary>The private link to manage the signature.</summary>
    ManageLink,
}

internal sealed class AddressRequestConfiguration : IEntityTypeConfiguration<AddressRequest>
{
    public void Configure(EntityTypeBuilder<AddressRequest> request)
    {
        request.HasOne<Petition>().WithMany().HasForeignKey(r => r.PetitionId).OnDelete(DeleteBehavior.Cascade);
        request.Property(r => r.Purpose).HasConversion<string>().HasMaxLength(24);
        request.Property(r => r.NormalizedEmail).HasMaxLength(SignatureLimits.Email);
    }
}
