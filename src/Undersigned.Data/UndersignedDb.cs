using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Undersigned.Data;

/// <summary>
/// The one database of the platform. Each feature's records are configured in their own file. It also holds the
/// data-protection keys, so every app instance over one database accepts the forms and cookies of the others.
/// </summary>
public class UndersignedDb(DbContextOptions<UndersignedDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Petition> Petitions => Set<Petition>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Sponsorship> Sponsorships => Set<Sponsorship>();
    public DbSet<Signature> Signatures => Set<Signature>();
    public DbSet<SignatureToken> SignatureTokens => Set<SignatureToken>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<DevMailMessage> DevMailMessages => Set<DevMailMessage>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(UndersignedDb).Assembly);
}
