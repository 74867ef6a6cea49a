using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>
/// One signed-in browser of a staff member. The staff cookie holds only a random key; this row holds the sign-in
/// itself, so deleting it ends that session on every app instance at once (logging out, a password change).
/// Only the SHA-256 hash of the key is stored, so reading this table does not give anyone a session.
/// </summary>
public class StaffSession
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public required byte[] KeyHash { get; set; }

    /// <summary>The sign-in (claims and cookie properties) in ASP.NET Core's ticket format.</summary>
    public required byte[] Ticket { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

internal sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> session)
    {
        session.ToTable("staff_sessions");
        session.HasIndex(s => s.KeyHash).IsUnique();
        session.HasIndex(s => s.UserId);
        session.HasIndex(s => s.ExpiresAt);
        session.Property(s => s.KeyHash).HasMaxLength(32);
        session.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
