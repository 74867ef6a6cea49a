using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Undersigned.Data;

/// <summary>A petition to a named target, run by a lead organization with its partners.</summary>
public class Petition
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public required string TargetName { get; set; }
    public string? TargetTitle { get; set; }
    public string? TargetEmail { get; set; }
    public required string Summary { get; set; }

    /// <summary>Markdown as the organizer wrote it; rendered and sanitized for display.</summary>
    public required string Body { get; set; }

    public int Goal { get; set; }
    public PetitionStatus Status { get; set; }
    public string Locale { get; set; } = "en";
    public DateTime CreatedAt { get; set; }
    public DateTime? EndsAt { get; set; }

    public CountingPolicy CountingPolicy { get; set; } = CountingPolicy.OnConfirmation;

    /// <summary>Which organizations the sign form offers to share the signer's name and email with.</summary>
    public PartnerOptInOffer PartnerOptIns { get; set; } = PartnerOptInOffer.ReferringOrganization;

    /// <summary>Sender and reply address for this campaign's email; the platform's own when unset.</summary>
    public string? EmailFrom { get; set; }

    public string? EmailReplyTo { get; set; }

    /// <summary>Counted signatures, maintained in the same transaction as each signature so a read is O(1).</summary>
    public int SignatureCount { get; set; }

    /// <summary>Signatures held for staff review (not counted), maintained like <see cref="SignatureCount"/>.</summary>
    public int HeldCount { get; set; }

    /// <summary>Signatures staff invalidated or rejected (not counted), maintained like <see cref="SignatureCount"/>.</summary>
    public int InvalidatedCount { get; set; }

    /// <summary>Of <see cref="SignatureCount"/>, those imported from paper sheets.</summary>
    public int PaperCount { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>When the petition was delivered to its target, with the public note shown on its page.</summary>
    public DateTime? DeliveredAt { get; set; }

    public string? DeliveryNote { get; set; }

    /// <summary>When the signers' personal data was erased, some months after closing; counts stay.</summary>
    public DateTime? AnonymizedAt { get; set; }

    public List<Sponsorship> Sponsorships { get; set; } = [];
}

/// <summary>When a signature starts to count.</summary>
public enum CountingPolicy
{
    /// <summary>Once the signer opens the link in the confirmation email (double opt-in).</summary>
    OnConfirmation,

    /// <summary>As soon as the form is accepted.</summary>
    AtOnce,
}

/// <summary>Which "share my name and email with ..." boxes the sign form shows; each is unchecked.</summary>
public enum PartnerOptInOffer
{
    /// <summary>One box, for the organization whose link brought the signer (the lead's without a link).</summary>
    ReferringOrganization,

    /// <summary>One box per sponsoring organization.</summary>
    EveryOrganization,
}

public enum PetitionStatus
{
    Draft,
    Open,
    Closed,
    Delivered,
}

/// <summary>Named sets of states that the rules are written in.</summary>
public static class PetitionStatuses
{
    /// <summary>States anyone may see; a draft is visible to staff only.</summary>
    public static readonly PetitionStatus[] Public = [PetitionStatus.Open, PetitionStatus.Closed, PetitionStatus.Delivered];

    public static bool IsPublic(this PetitionStatus status) => status != PetitionStatus.Draft;

    public static bool AcceptsSignatures(this PetitionStatus status) => status == PetitionStatus.Open;
}

internal sealed class PetitionConfiguration : IEntityTypeConfiguration<Petition>
{
    public void Configure(EntityTypeBuilder<Petition> petition)
    {
        petition.HasIndex(p => p.Slug).IsUnique();
        petition.Property(p => p.Slug).HasMaxLength(80);
        petition.Property(p => p.Title).HasMaxLength(200);
        petition.Property(p => p.TargetName).HasMaxLength(120);
        petition.Property(p => p.TargetTitle).HasMaxLength(200);
        petition.Property(p => p.TargetEmail).HasMaxLength(254);
        petition.Property(p => p.Summary).HasMaxLength(2000);
        petition.Property(p => p.Locale).HasMaxLength(16);
        petition.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        petition.Property(p => p.CountingPolicy).HasConversion<string>().HasMaxLength(16);
        petition.Property(p => p.PartnerOptIns).HasConversion<string>().HasMaxLength(24);
        petition.Property(p => p.EmailFrom).HasMaxLength(254);
        petition.Property(p => p.EmailReplyTo).HasMaxLength(254);
        petition.Property(p => p.DeliveryNote).HasMaxLength(2000);
    }
}
