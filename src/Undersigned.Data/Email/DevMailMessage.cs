using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>An email caught by the development mailbox, used when no SMTP server is configured.</summary>
public class DevMailMessage
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Text { get; set; }
    public required string Html { get; set; }
    public required string Headers { get; set; }
    public DateTime SentAt { get; set; }
}

internal sealed class DevMailMessageConfiguration : IEntityTypeConfiguration<DevMailMessage>
{
    public void Configure(EntityTypeBuilder<DevMailMessage> message)
    {
        message.Property(m => m.To).HasMaxLength(320);
        message.Property(m => m.Subject).HasMaxLength(400);
    }
}
