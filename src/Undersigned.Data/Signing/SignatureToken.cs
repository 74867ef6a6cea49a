using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>
/// A link sent to a signer. Only the SHA-256 hash of the random token is stored; the token itself exists only in
/// the email. A signature may hold several live tokens (a resend does not break the link sent before it).
/// </summary>
public class SignatureToken
{
    public long Id { get; set; }
    public long SignatureId { get; set; }
    public TokenPurpose Purpose { get; set; }
    public required byte[] TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

public enum TokenPurpose
{
    Confirm,

    /// <summary>The signer's private link to see, change, download or withdraw their signature.</summary>
    Manage,
}

internal sealed class SignatureTokenConfiguration : IEntityTypeConfiguration<SignatureToken>
{
    public void Configure(EntityTypeBuilder<SignatureToken> token)
    {
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => t.SignatureId);
        token.Property(t => t.TokenHash).HasMaxLength(32);
        token.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(16);
        token.HasOne<Signature>().WithMany().HasForeignKey(t => t.SignatureId).OnDelete(DeleteBehavior.Cascade);
    }
}
