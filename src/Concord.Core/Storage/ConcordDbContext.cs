using Concord.Core.Auditing;
using Concord.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Storage;

/// <summary>One context for the whole node, users and roles included, so that a user's change and its audit entry share a transaction.</summary>
public sealed class ConcordDbContext(DbContextOptions<ConcordDbContext> options) : IdentityDbContext<User, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<AgreementParty> AgreementParties => Set<AgreementParty>();
    public DbSet<CustodyRule> CustodyRules => Set<CustodyRule>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<Den> Dens => Set<Den>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<WantedPerson> WantedPersons => Set<WantedPerson>();
    public DbSet<Operation> Operations => Set<Operation>();
    public DbSet<RosterRecord> RosterRecords => Set<RosterRecord>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<PersonIdentifier> PersonIdentifiers => Set<PersonIdentifier>();
    public DbSet<PersonLink> PersonLinks => Set<PersonLink>();
    public DbSet<ReviewItem> ReviewItems => Set<ReviewItem>();
    public DbSet<Seizure> Seizures => Set<Seizure>();
    public DbSet<Handover> Handovers => Set<Handover>();
    public DbSet<HandoverPerson> HandoverPersons => Set<HandoverPerson>();
    public DbSet<HandoverItem> HandoverItems => Set<HandoverItem>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();

    internal List<AuditEntry> PendingAudit { get; } = [];

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await AuditTrail.ChainPendingAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AuditTrail.ChainPendingAsync(this, CancellationToken.None).GetAwaiter().GetResult();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ConcordDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so that the database reads the same to a person and survives reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
