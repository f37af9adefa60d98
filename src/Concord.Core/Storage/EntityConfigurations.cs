using Concord.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Core.Storage;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Code).HasMaxLength(64);
        b.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasData(new Agency { Id = Agency.NodeId, Code = Agency.NodeCode, Name = "This node" });
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.HasIndex(x => x.KeyHash).IsUnique();
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> b)
    {
        b.HasIndex(x => x.Code).IsUnique();
        b.HasMany(x => x.Parties).WithOne().HasForeignKey(x => x.AgreementId);
        b.HasMany(x => x.CustodyRules).WithOne().HasForeignKey(x => x.AgreementId);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgreementPartyConfiguration : IEntityTypeConfiguration<AgreementParty>
{
    public void Configure(EntityTypeBuilder<AgreementParty> b)
    {
        b.HasIndex(x => new { x.AgreementId, x.PartyAgencyId }).IsUnique();
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.PartyAgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CustodyRuleConfiguration : IEntityTypeConfiguration<CustodyRule>
{
    public void Configure(EntityTypeBuilder<CustodyRule> b)
    {
        b.HasIndex(x => new { x.AgreementId, x.Order }).IsUnique();
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.ToAgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.HasIndex(x => new { x.AgencyId, x.Code }).IsUnique();
        b.HasMany(x => x.Dens).WithOne().HasForeignKey(x => x.LeadId);
        b.HasMany(x => x.Targets).WithOne().HasForeignKey(x => x.LeadId);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.ToAgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DenConfiguration : IEntityTypeConfiguration<Den>
{
    public void Configure(EntityTypeBuilder<Den> b) => b.HasIndex(x => new { x.LeadId, x.Code }).IsUnique();
}

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> b) => b.HasIndex(x => new { x.LeadId, x.TargetId }).IsUnique();
}

internal sealed class WantedPersonConfiguration : IEntityTypeConfiguration<WantedPerson>
{
    public void Configure(EntityTypeBuilder<WantedPerson> b)
    {
        b.HasIndex(x => new { x.AgencyId, x.WantedId }).IsUnique();
        b.HasIndex(x => x.IdNumber);
        b.HasIndex(x => x.Revision);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NodeCounterConfiguration : IEntityTypeConfiguration<NodeCounter>
{
    public void Configure(EntityTypeBuilder<NodeCounter> b)
    {
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(64);
    }
}

internal sealed class OperationConfiguration : IEntityTypeConfiguration<Operation>
{
    public void Configure(EntityTypeBuilder<Operation> b)
    {
        b.HasIndex(x => x.Code).IsUnique();
        b.HasOne(x => x.Lead).WithMany().HasForeignKey(x => x.LeadId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.TimeZone).HasMaxLength(64).HasDefaultValue(LocalTimes.Utc);
    }
}

internal sealed class RosterRecordConfiguration : IEntityTypeConfiguration<RosterRecord>
{
    public void Configure(EntityTypeBuilder<RosterRecord> b)
    {
        b.HasIndex(x => new { x.OperationId, x.RosterNo }).IsUnique();
        b.HasIndex(x => x.PersonId);
        b.HasOne<Operation>().WithMany().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.HasIndex(x => new { x.OperationId, x.RosterNo });
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonIdentifierConfiguration : IEntityTypeConfiguration<PersonIdentifier>
{
    public void Configure(EntityTypeBuilder<PersonIdentifier> b)
    {
        b.HasIndex(x => x.PersonId);
        b.HasIndex(x => new { x.Type, x.Number });
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TransferConsentConfiguration : IEntityTypeConfiguration<TransferConsent>
{
    public void Configure(EntityTypeBuilder<TransferConsent> b)
    {
        b.HasIndex(x => new { x.LeadId, x.ToAgencyId });
        b.HasOne<Lead>().WithMany().HasForeignKey(x => x.LeadId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.RequestedByAgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.ToAgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonLinkConfiguration : IEntityTypeConfiguration<PersonLink>
{
    public void Configure(EntityTypeBuilder<PersonLink> b)
    {
        b.HasIndex(x => new { x.PersonId, x.Kind, x.CandidateId }).IsUnique();
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewTaskConfiguration : IEntityTypeConfiguration<ReviewTask>
{
    public void Configure(EntityTypeBuilder<ReviewTask> b)
    {
        b.HasIndex(x => new { x.OperationId, x.Status });
        b.HasIndex(x => x.PersonId);
        b.Property(x => x.Outcome).HasMaxLength(16);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Operation>().WithMany().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewItemConfiguration : IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<ReviewItem> b)
    {
        b.HasIndex(x => new { x.OperationId, x.Status });
        b.HasIndex(x => new { x.PersonId, x.CandidateId });
        b.Property(x => x.CandidateList).HasMaxLength(16);
    }
}

internal sealed class SeizureConfiguration : IEntityTypeConfiguration<Seizure>
{
    public void Configure(EntityTypeBuilder<Seizure> b)
    {
        b.HasIndex(x => new { x.OperationId, x.ItemNo }).IsUnique();
        b.HasOne<Operation>().WithMany().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HandoverConfiguration : IEntityTypeConfiguration<Handover>
{
    public void Configure(EntityTypeBuilder<Handover> b)
    {
        b.HasMany(x => x.Persons).WithOne().HasForeignKey(x => x.HandoverId);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.HandoverId);
        b.HasOne<Operation>().WithMany().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.ToAgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HandoverPersonConfiguration : IEntityTypeConfiguration<HandoverPerson>
{
    public void Configure(EntityTypeBuilder<HandoverPerson> b)
    {
        b.HasIndex(x => new { x.HandoverId, x.PersonId }).IsUnique();
        b.HasIndex(x => x.PersonId);
    }
}

internal sealed class HandoverItemConfiguration : IEntityTypeConfiguration<HandoverItem>
{
    public void Configure(EntityTypeBuilder<HandoverItem> b) => b.HasIndex(x => new { x.HandoverId, x.SeizureId }).IsUnique();
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> b)
    {
        b.HasIndex(x => new { x.HandoverId, x.PersonId }).IsUnique();
        b.HasIndex(x => x.PersonId);
    }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b) => b.HasIndex(x => new { x.Kind, x.Scope, x.Sha256 }).IsUnique();
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Sequence).IsUnique();
        b.HasIndex(x => new { x.EntityType, x.EntityId });
        b.Property(x => x.Source).HasMaxLength(64);
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> b)
    {
        b.HasKey(x => x.TreeSize);
        b.Property(x => x.TreeSize).ValueGeneratedNever();
        b.Property(x => x.RootHash).HasMaxLength(44);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.Property(x => x.Language).HasMaxLength(8);
        b.HasIndex(x => x.AgencyId);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Microsoft.AspNetCore.Identity.IdentityRole<Guid>>
{
    public void Configure(EntityTypeBuilder<Microsoft.AspNetCore.Identity.IdentityRole<Guid>> b) =>
        b.HasData(Roles.All.Select(r => new Microsoft.AspNetCore.Identity.IdentityRole<Guid>
        {
            Id = Roles.IdOf(r),
            Name = r,
            NormalizedName = r.ToUpperInvariant(),
            ConcurrencyStamp = r,
        }));
}

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> b)
    {
        b.HasIndex(x => new { x.UserId, x.Source }).IsUnique();
        b.Property(x => x.Source).HasMaxLength(64);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.HasIndex(x => x.UserId);
        b.Property(x => x.EndReason).HasMaxLength(16);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> b)
    {
        b.HasIndex(x => x.Node).IsUnique();
        b.Property(x => x.Node).HasMaxLength(128);
    }
}

internal sealed class AuditCosignatureConfiguration : IEntityTypeConfiguration<AuditCosignature>
{
    public void Configure(EntityTypeBuilder<AuditCosignature> b)
    {
        b.HasIndex(x => new { x.Node, x.TreeSize }).IsUnique();
        b.Property(x => x.Node).HasMaxLength(128);
        b.Property(x => x.RootHash).HasMaxLength(44);
    }
}

internal sealed class PacketConfiguration : IEntityTypeConfiguration<Packet>
{
    public void Configure(EntityTypeBuilder<Packet> b)
    {
        b.HasIndex(x => new { x.Node, x.Direction, x.State });
        b.HasIndex(x => new { x.Direction, x.PacketId });
        b.HasIndex(x => x.Digest);
        b.Property(x => x.Node).HasMaxLength(128);
        b.Property(x => x.Type).HasMaxLength(64);
        b.Property(x => x.Direction).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VictimReportConfiguration : IEntityTypeConfiguration<VictimReport>
{
    public void Configure(EntityTypeBuilder<VictimReport> b)
    {
        b.HasIndex(x => new { x.AgencyId, x.CaseNo }).IsUnique();
        b.Property(x => x.CaseNo).HasMaxLength(64);
        b.Property(x => x.VictimKey).HasMaxLength(32);
        b.Property(x => x.ProvinceCode).HasMaxLength(8);
        b.Property(x => x.FraudType).HasMaxLength(32);
        b.HasIndex(x => x.VictimKey);
        b.HasMany(x => x.Losses).WithOne().HasForeignKey(x => x.ReportId);
        b.HasMany(x => x.Identifiers).WithOne().HasForeignKey(x => x.ReportId);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReportLossConfiguration : IEntityTypeConfiguration<ReportLoss>
{
    public void Configure(EntityTypeBuilder<ReportLoss> b)
    {
        b.Property(x => x.Currency).HasMaxLength(8);
        b.Property(x => x.Amount).HasPrecision(28, 8);
    }
}

internal sealed class ReportIdentifierConfiguration : IEntityTypeConfiguration<ReportIdentifier>
{
    public void Configure(EntityTypeBuilder<ReportIdentifier> b)
    {
        b.HasIndex(x => new { x.Kind, x.Value });
        b.Property(x => x.Kind).HasMaxLength(16);
        b.Property(x => x.Value).HasMaxLength(256);
    }
}

internal sealed class ExtractionConfiguration : IEntityTypeConfiguration<Extraction>
{
    public void Configure(EntityTypeBuilder<Extraction> b)
    {
        b.HasIndex(x => new { x.SeizureId, x.FileSha256 }).IsUnique();
        b.Property(x => x.ItemNo).HasMaxLength(64);
        b.Property(x => x.ImageSha256).HasMaxLength(64);
        b.Property(x => x.FileSha256).HasMaxLength(64);
        b.HasMany(x => x.Records).WithOne().HasForeignKey(x => x.ExtractionId);
        b.HasOne<Seizure>().WithMany().HasForeignKey(x => x.SeizureId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ExtractionRecordConfiguration : IEntityTypeConfiguration<ExtractionRecord>
{
    public void Configure(EntityTypeBuilder<ExtractionRecord> b)
    {
        b.HasIndex(x => new { x.Kind, x.Value });
        b.Property(x => x.Kind).HasMaxLength(16);
        b.Property(x => x.Value).HasMaxLength(256);
        b.Property(x => x.Amount).HasPrecision(28, 8);
        b.Property(x => x.Currency).HasMaxLength(8);
    }
}

internal sealed class CaseLinkConfiguration : IEntityTypeConfiguration<CaseLink>
{
    public void Configure(EntityTypeBuilder<CaseLink> b)
    {
        b.HasIndex(x => new { x.ReportId, x.Subject, x.SubjectId }).IsUnique();
        b.HasIndex(x => new { x.Subject, x.SubjectId });
        b.Property(x => x.SubjectRef).HasMaxLength(64);
        b.Property(x => x.Method).HasMaxLength(16);
        b.HasOne<VictimReport>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Extraction>().WithMany().HasForeignKey(x => x.ExtractionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseShareConfiguration : IEntityTypeConfiguration<CaseShare>
{
    public void Configure(EntityTypeBuilder<CaseShare> b)
    {
        b.HasIndex(x => new { x.RecordType, x.RecordId, x.ToAgencyId }).IsUnique();
        b.HasIndex(x => new { x.ToAgencyId, x.RecordType });
        b.Property(x => x.RecordType).HasMaxLength(16);
    }
}

internal sealed class FreezeRequestConfiguration : IEntityTypeConfiguration<FreezeRequest>
{
    public void Configure(EntityTypeBuilder<FreezeRequest> b)
    {
        b.HasIndex(x => x.RequestNo).IsUnique();
        b.HasIndex(x => new { x.AgencyId, x.Status });
        b.Property(x => x.RequestNo).HasMaxLength(32);
        b.Property(x => x.AccountKind).HasMaxLength(16);
        b.Property(x => x.Account).HasMaxLength(256);
        b.Property(x => x.Currency).HasMaxLength(8);
        b.Property(x => x.Amount).HasPrecision(28, 8);
        b.Property(x => x.FrozenAmount).HasPrecision(28, 8);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
