using Concord.Core.Auditing;
using Concord.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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
    public DbSet<TransferConsent> TransferConsents => Set<TransferConsent>();
    public DbSet<ReviewTask> ReviewTasks => Set<ReviewTask>();
    public DbSet<ReviewItem> ReviewItems => Set<ReviewItem>();
    public DbSet<Seizure> Seizures => Set<Seizure>();
    public DbSet<Handover> Handovers => Set<Handover>();
    public DbSet<HandoverPerson> HandoverPersons => Set<HandoverPerson>();
    public DbSet<HandoverItem> HandoverItems => Set<HandoverItem>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<NodeCounter> NodeCounters => Set<NodeCounter>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<AuditCosignature> AuditCosignatures => Set<AuditCosignature>();
    public DbSet<Packet> Packets => Set<Packet>();
    public DbSet<VictimReport> VictimReports => Set<VictimReport>();
    public DbSet<ReportLoss> ReportLosses => Set<ReportLoss>();
    public DbSet<ReportIdentifier> ReportIdentifiers => Set<ReportIdentifier>();
    public DbSet<Extraction> Extractions => Set<Extraction>();
    public DbSet<ExtractionRecord> ExtractionRecords => Set<ExtractionRecord>();
    public DbSet<CaseLink> CaseLinks => Set<CaseLink>();
    public DbSet<CaseShare> CaseShares => Set<CaseShare>();
    public DbSet<FreezeRequest> FreezeRequests => Set<FreezeRequest>();

    internal List<AuditEntry> PendingAudit { get; } = [];

    /// <summary>
    /// Each entry takes the next number of the chain from the last one committed, so two saves at once (two officers
    /// opening a page) would both claim it and one would fail. On PostgreSQL every save takes its numbers under a lock
    /// held to its commit (<see cref="AuditTrail.ChainPendingAsync"/>), so a save that commits on its own runs in a
    /// transaction of its own. On SQLite, saves that commit on their own take their numbers one at a time in this process,
    /// and against another process a save that lost the number is chained again from the new end and retried.
    /// </summary>
    private static readonly SemaphoreSlim ChainLock = new(1, 1);
    private const int ChainAttempts = 5;

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        PendingAudit.Count == 0 ? base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken) : SaveChainedAsync(acceptAllChangesOnSuccess, true, cancellationToken);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        PendingAudit.Count == 0 ? base.SaveChanges(acceptAllChangesOnSuccess) : SaveChainedAsync(acceptAllChangesOnSuccess, false, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Chains the pending entries and saves, again from the new end of the chain when another save took the number first.</summary>
    private async Task<int> SaveChainedAsync(bool acceptAllChangesOnSuccess, bool async, CancellationToken cancellationToken)
    {
        var own = Database.CurrentTransaction is null;
        var pending = PendingAudit.ToList();
        for (var attempt = 1; ; attempt++)
        {
            if (own)
            {
                if (async) await ChainLock.WaitAsync(cancellationToken);
                else ChainLock.Wait(cancellationToken);
            }
            IDbContextTransaction? tx = null;
            try
            {
                if (own && Database.IsNpgsql())
                    tx = async ? await Database.BeginTransactionAsync(cancellationToken) : Database.BeginTransaction();
                await AuditTrail.ChainPendingAsync(this, cancellationToken);
                var saved = async ? await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken) : base.SaveChanges(acceptAllChangesOnSuccess);
                if (tx is not null)
                {
                    if (async) await tx.CommitAsync(cancellationToken);
                    else tx.Commit();
                }
                return saved;
            }
            catch (DbUpdateException e) when (own && attempt < ChainAttempts && AuditTrail.IsSequenceTaken(e))
            {
                Unchain(pending);
            }
            finally
            {
                if (tx is not null) await tx.DisposeAsync();
                if (own) ChainLock.Release();
            }
        }
    }

    /// <summary>Takes the failed save's entries off the chain so the next attempt numbers and hashes them afresh.</summary>
    private void Unchain(List<AuditEntry> pending)
    {
        foreach (var entry in pending) Entry(entry).State = EntityState.Detached;
        PendingAudit.Clear();
        PendingAudit.AddRange(pending);
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
