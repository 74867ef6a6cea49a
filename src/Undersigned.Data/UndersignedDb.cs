using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Undersigned.Data;

/// <summary>
/// The one database of the platform. Each feature's records are configured in their own file. It also holds the
/// staff accounts (ASP.NET Core Identity) and the data-protection keys, so every app instance over one database
/// accepts the forms and cookies of the others.
/// </summary>
public class UndersignedDb(DbContextOptions<UndersignedDb> options)
    : IdentityDbContext<StaffUser, IdentityRole<int>, int>(options), IDataProtectionKeyContext
{
    public DbSet<Petition> Petitions => Set<Petition>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationLogo> OrganizationLogos => Set<OrganizationLogo>();
    public DbSet<Sponsorship> Sponsorships => Set<Sponsorship>();
    public DbSet<PetitionUpdate> PetitionUpdates => Set<PetitionUpdate>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<Signature> Signatures => Set<Signature>();
    public DbSet<SignatureToken> SignatureTokens => Set<SignatureToken>();
    public DbSet<AddressRequest> AddressRequests => Set<AddressRequest>();
    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();
    public DbSet<PartnerOptIn> PartnerOptIns => Set<PartnerOptIn>();
    public DbSet<SignerExport> SignerExports => Set<SignerExport>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<DevMailMessage> DevMailMessages => Set<DevMailMessage>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<ModerationEntry> ModerationEntries => Set<ModerationEntry>();
    public DbSet<PaperBatch> PaperBatches => Set<PaperBatch>();
    public DbSet<InvalidationJob> InvalidationJobs => Set<InvalidationJob>();
    public DbSet<TrendAlert> TrendAlerts => Set<TrendAlert>();
    public DbSet<SignatureCounter> SignatureCounters => Set<SignatureCounter>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(UndersignedDb).Assembly);
        StaffTables.Name(builder);
    }
}
