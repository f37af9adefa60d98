namespace Concord.Core.Domain;

/// <summary>Every record carries a globally unique, time-ordered id so that it can cross to another node unchanged.</summary>
public abstract class Entity
{
    // Made when first asked for, not in the constructor: a record read from the database gets its stored id, and
    // reading hundreds of rows would otherwise draw a random id for each only to overwrite it.
    private Guid _assigned;

    public Guid Id
    {
        get => _assigned == Guid.Empty ? _assigned = Guid.CreateVersion7() : _assigned;
        set => _assigned = value;
    }
}

/// <summary>A record that belongs to one agency; reads and changes are scoped by it.</summary>
public abstract class OwnedEntity : Entity
{
    public Guid AgencyId { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

public sealed class Agency : Entity
{
    /// <summary>
    /// The node itself, as the owner of what no force does: the operator at the terminal, a sign-in by a name nobody
    /// holds, a call without a key. Made by the schema; its auditors (users of agency <see cref="NodeCode"/>) read those
    /// entries. It is no force: it sends, receives and holds nothing.
    /// </summary>
    public static readonly Guid NodeId = new("00000000-0000-7000-8000-00000000a0de");

    public const string NodeCode = "NODE";

    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Country { get; set; }
    public Guid? ParentId { get; set; }
    public Agency? Parent { get; set; }
    /// <summary>GB/T 2260 province code for a provincial bureau.</summary>
    public string? ProvinceCode { get; set; }
    /// <summary>The partner node that hosts this agency; null when it is hosted here. Its records arrive only as packets.</summary>
    public string? Node { get; set; }
}

public sealed class ApiKey : Entity
{
    public Guid AgencyId { get; set; }
    public required string Name { get; set; }
    public required string KeyHash { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public bool Revoked { get; set; }
    /// <summary>The roles the key acts in, comma-separated (see <see cref="RoleTable"/>).</summary>
    public string Roles { get; set; } = "";
    /// <summary>Who answers for the program that holds the key: a named service user or office.</summary>
    public string? Owner { get; set; }
    /// <summary>After this the key is refused; none means until revoked.</summary>
    public DateTime? ExpiresAt { get; set; }
}

public sealed class Agreement : OwnedEntity
{
    public required string Code { get; set; }
    public required string Title { get; set; }
    public bool EvidenceFollowsHolder { get; set; } = true;
    public string UnheldEvidenceTo { get; set; } = "lead_provider";
    public required string Document { get; set; }
    /// <summary>The day the agreement takes effect (the document's <c>effective</c>, else the day it was imported): the newer of two equally specific agreements wins.</summary>
    public DateOnly EffectiveFrom { get; set; }
    public List<AgreementParty> Parties { get; set; } = [];
    public List<CustodyRule> CustodyRules { get; set; } = [];
}

public sealed class AgreementParty : Entity
{
    public Guid AgreementId { get; set; }
    public Guid PartyAgencyId { get; set; }
    /// <summary>When the party accepted the agreement; an agreement binds only once every party has.</summary>
    public DateTime? AcceptedAt { get; set; }
    /// <summary>Who accepted it for the party: a user or key of the party, or the node operator acting for it.</summary>
    public string? AcceptedBy { get; set; }
}

public sealed class CustodyRule : Entity
{
    public Guid AgreementId { get; set; }
    public int Order { get; set; }
    /// <summary>ISO 3166-1 alpha-3, or "*" for any other or unknown nationality.</summary>
    public required string Nationality { get; set; }
    public Guid ToAgencyId { get; set; }
    public string? Port { get; set; }
    public bool Review { get; set; }
}

public enum LeadStatus { Sent, Acknowledged }

/// <summary>
/// The handling code a sender puts on what it shares, as SIENA uses them: H0 no restriction beyond the law; H1 not to be
/// used as evidence in court without the sender's permission; H2 not to be passed on without the sender's permission;
/// H3 other restrictions the sender names (here: no onward transfer, like H2). Every record derived from a lead carries
/// its code (<see cref="Operation.Handling"/>, <see cref="PersonLink.Handling"/>).
/// </summary>
public enum Handling { H0, H1, H2, H3 }

/// <summary>Traffic Light Protocol 2.0 markings on what the node publishes (exports, reports, manifests).</summary>
public enum Tlp { Clear, Green, Amber, AmberStrict, Red }

public enum ConsentStatus { Requested, Granted, Refused }

/// <summary>
/// The originator's consent to pass material of one of its leads on to one more agency: asked by the lead's recipient,
/// answered by the originator (the record's agency) only, both audited.
/// </summary>
public sealed class TransferConsent : OwnedEntity
{
    public Guid LeadId { get; set; }
    public Guid RequestedByAgencyId { get; set; }
    public Guid ToAgencyId { get; set; }
    public ConsentStatus Status { get; set; }
    public required string RequestedBy { get; set; }
    public string? Reason { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public string? Answer { get; set; }
}

public sealed class Lead : OwnedEntity
{
    public required string Code { get; set; }
    public Guid ToAgencyId { get; set; }
    public Handling HandlingCode { get; set; }
    public LeadStatus Status { get; set; } = LeadStatus.Sent;
    public DateTime? AcknowledgedAt { get; set; }
    public List<Den> Dens { get; set; } = [];
    public List<Target> Targets { get; set; } = [];
}

public sealed class Den : OwnedEntity
{
    public Guid LeadId { get; set; }
    public required string Code { get; set; }
    public string? Name { get; set; }
    public string? Address { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Group { get; set; }
    public bool? Armed { get; set; }
    public string? Notes { get; set; }
    public string? SourceHash { get; set; }
}

public enum TargetRole { Member, Backbone, Leader, Financier }

/// <summary>The identity fields that every list of persons (targets, wanted, roster) shares, as written and as understood.</summary>
public abstract class PersonRecord : OwnedEntity
{
    public string? Name { get; set; }
    public string? NameLatin { get; set; }
    public string? Aliases { get; set; }
    public string? Sex { get; set; }
    public string? BirthDate { get; set; }
    public string? Nationality { get; set; }
    public string? NationalityWritten { get; set; }
    public string? IdType { get; set; }
    public string? IdNumber { get; set; }
    public string? IdNumberWritten { get; set; }
    /// <summary>Field slips kept as written and flagged, e.g. "id-check-digit", "birth-date-disagrees-with-id".</summary>
    public string? Flags { get; set; }
    public string? Notes { get; set; }
    /// <summary>Hash of the source row, so that re-importing the same row is recognised as no change.</summary>
    public string? SourceHash { get; set; }
}

public sealed class Target : PersonRecord
{
    public Guid LeadId { get; set; }
    public required string TargetId { get; set; }
    public TargetRole Role { get; set; }
    public string? DenCode { get; set; }
    public string? Group { get; set; }
}

public sealed class WantedPerson : PersonRecord
{
    public required string WantedId { get; set; }
    public string? IssuingUnit { get; set; }
    public string? Offence { get; set; }
    public string? ListedOn { get; set; }
    /// <summary>
    /// The list revision at which the record was added, last changed or withdrawn. The matching index covers every
    /// revision up to a number, and catches up on the records whose revision is newer.
    /// </summary>
    public long Revision { get; set; }
    /// <summary>Taken off the list: kept, with its history in the audit trail, but never matched again.</summary>
    public bool Withdrawn { get; set; }
    public DateTime? WithdrawnAt { get; set; }
}

/// <summary>A node-wide number that only grows, such as a list's revision; taken inside the writer's transaction.</summary>
public sealed class NodeCounter
{
    public required string Name { get; set; }
    public long Value { get; set; }
}

public sealed class Operation : OwnedEntity
{
    public required string Code { get; set; }
    public Guid LeadId { get; set; }
    public Lead? Lead { get; set; }
    /// <summary>The lead's handling code, which the operation it started carries.</summary>
    public Handling Handling { get; set; }
    /// <summary>
    /// The IANA time zone in which a time written without an offset (an arrest, a seizure) is read: by default the zone of
    /// the raiding agency's country (<see cref="LocalTimes"/>). Operations made before zones were kept read them as UTC.
    /// </summary>
    public string TimeZone { get; set; } = LocalTimes.Utc;
    /// <summary>
    /// On this node's copy of a partner agency's operation (kept from its roster-share): the partner's own count of
    /// everyone it arrested, by nationality, as JSON <c>{"agency","arrested","by_nationality"}</c>; none on the raiding node.
    /// </summary>
    public string? ReportedCounts { get; set; }
}

public sealed class RosterRecord : PersonRecord
{
    public Guid OperationId { get; set; }
    public required string RosterNo { get; set; }
    public string? Phone { get; set; }
    public string? DenCode { get; set; }
    public string? ArrestedAtWritten { get; set; }
    public DateTime? ArrestedAt { get; set; }
    public string? Unit { get; set; }
    public Guid PersonId { get; set; }
}

public enum CustodyState { Undecided, Decided, AwaitingReview }

/// <summary>A person as Concord works them out from roster records; names and identifiers live in <see cref="PersonIdentifier"/>.</summary>
public sealed class Person : OwnedEntity
{
    public Guid? OperationId { get; set; }
    public string? DisplayName { get; set; }
    public string? Nationality { get; set; }
    public string? Sex { get; set; }
    public string? BirthDate { get; set; }
    /// <summary>The agency that holds the person now.</summary>
    public Guid CustodyAgencyId { get; set; }
    public CustodyState CustodyState { get; set; }
    public Guid? CustodyToAgencyId { get; set; }
    public string? CustodyPort { get; set; }
    public string? CustodyRule { get; set; }
    /// <summary>What finds the person in a search: names, numbers and documents in normal forms (<c>PersonSearch</c>).</summary>
    public string? SearchText { get; set; }
    /// <summary>The first of the person's roster numbers: the order clerks know them in.</summary>
    public string? RosterNo { get; set; }
}

/// <summary>How far an identifier is trusted: an official list beats a lead, a lead beats a clerk's copy.</summary>
public enum IdentifierTrust { Roster = 0, Lead = 1, WantedList = 2 }

public sealed class PersonIdentifier : Entity
{
    public Guid PersonId { get; set; }
    public required string Type { get; set; }
    public required string Number { get; set; }
    public IdentifierTrust Trust { get; set; }
    public bool ValidCheck { get; set; }
    public required string Source { get; set; }
}

public enum LinkKind { Wanted, Target, Person }

/// <summary>A confirmed identity link between an arrested person and a record on another list.</summary>
public sealed class PersonLink : OwnedEntity
{
    public Guid PersonId { get; set; }
    public LinkKind Kind { get; set; }
    public Guid CandidateId { get; set; }
    public required string CandidateRef { get; set; }
    public double Score { get; set; }
    public required string DecidedBy { get; set; }
    /// <summary>A link to a lead's target carries the lead's handling code; a link to a list record or a roster row, H0.</summary>
    public Handling Handling { get; set; }
}

/// <summary>Withdrawn: the arrested person's record was corrected after the proposal, which was then made again from the new record.</summary>
public enum ReviewStatus { Open, Confirmed, Rejected, Withdrawn }

/// <summary>
/// Identity: who on the lists this arrested person is, among their candidates. Duplicate: which other roster rows write
/// down the same person. NeedsIdentification: the record has nothing but a name to compare and the name is shared by
/// many list records, so the field must collect more before anyone can decide.
/// </summary>
public enum ReviewTaskKind { Identity, Duplicate, NeedsIdentification }

public enum ReviewTaskStatus { Open, Decided }

/// <summary>
/// One decision a reviewer takes about one arrested person: their candidates (<see cref="Items"/>) ranked, decided
/// together by confirming one of them or rejecting all.
/// </summary>
public sealed class ReviewTask : OwnedEntity
{
    public Guid OperationId { get; set; }
    public Guid PersonId { get; set; }
    public ReviewTaskKind Kind { get; set; }
    public ReviewTaskStatus Status { get; set; }
    /// <summary>The most urgent of the candidates: 0 key figure, 1 fugitive, 2 lead member, 3 known person, 4 roster duplicate.</summary>
    public int Priority { get; set; }
    /// <summary>
    /// What would settle it, worked out from both sides' records when the task was raised: fields as
    /// <c>field:state</c>, semicolon-separated (<c>birth_date:missing;document:differs</c>); for a person who needs
    /// identification, what to collect (<c>document;birth_date;photo;fingerprint</c>).
    /// </summary>
    public string? Settle { get; set; }
    /// <summary>Needs identification: how many list records share the name, and the agencies whose lists hold them.</summary>
    public int Namesakes { get; set; }
    public string? NamesakeLists { get; set; }
    /// <summary>confirmed (one candidate), rejected (all), or withdrawn (the record was corrected and matched again).</summary>
    public string? Outcome { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? Reason { get; set; }
    public List<ReviewItem> Items { get; set; } = [];
}

/// <summary>One candidate of a <see cref="ReviewTask"/>: a record on a list that may be the arrested person.</summary>
public sealed class ReviewItem : OwnedEntity
{
    public Guid TaskId { get; set; }
    public Guid OperationId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>wanted | target | person | roster</summary>
    public required string CandidateList { get; set; }
    public Guid CandidateId { get; set; }
    public required string CandidateRef { get; set; }
    public double Score { get; set; }
    public int Priority { get; set; }
    public required string Evidence { get; set; }
    public ReviewStatus Status { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? Reason { get; set; }
}

public enum SeizureType { Computer, Phone, SimCard, Script, BankCard, Cash, Document, Other }

public sealed class Seizure : OwnedEntity
{
    public Guid OperationId { get; set; }
    public required string ItemNo { get; set; }
    public string? DenCode { get; set; }
    public SeizureType Type { get; set; }
    public string? Description { get; set; }
    public int Quantity { get; set; }
    public string? SeizedAtWritten { get; set; }
    public DateTime? SeizedAt { get; set; }
    public string? Unit { get; set; }
    public string? Sha256 { get; set; }
    public string? HolderRosterNo { get; set; }
    public Guid CustodyAgencyId { get; set; }
    public Guid? DestinationAgencyId { get; set; }
    public string? Notes { get; set; }
    public string? SourceHash { get; set; }
}

public enum HandoverState { Draft, Dispatched, Received, Closed }
public enum HandoverPersonStatus { Pending, Received, Missing, IdentityDisputed }
public enum HandoverItemStatus { Pending, Received, Missing, HashMismatch }

public sealed class Handover : OwnedEntity
{
    public Guid OperationId { get; set; }
    public Guid ToAgencyId { get; set; }
    public required string Port { get; set; }
    public DateOnly Date { get; set; }
    public HandoverState State { get; set; }
    public DateTime? DispatchedAt { get; set; }
    public DateTime? ReceivedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public List<HandoverPerson> Persons { get; set; } = [];
    public List<HandoverItem> Items { get; set; } = [];
}

public sealed class HandoverPerson : Entity
{
    public Guid HandoverId { get; set; }
    public Guid PersonId { get; set; }
    public HandoverPersonStatus Status { get; set; }
    public string? Note { get; set; }
    public bool Resolved { get; set; }
}

public sealed class HandoverItem : Entity
{
    public Guid HandoverId { get; set; }
    public Guid SeizureId { get; set; }
    public HandoverItemStatus Status { get; set; }
    public string? ReceivedSha256 { get; set; }
    public string? Note { get; set; }
    public bool Resolved { get; set; }
}

public enum EscortStatus { Awaiting, Escorting, Arrived }

public sealed class Assignment : OwnedEntity
{
    public Guid PersonId { get; set; }
    public Guid HandoverId { get; set; }
    public Guid? BureauAgencyId { get; set; }
    public string? ProvinceCode { get; set; }
    /// <summary>id-region | manual | unknown</summary>
    public required string Method { get; set; }
    public EscortStatus Escort { get; set; }
}

/// <summary>One imported file; a file already imported into the same scope changes nothing.</summary>
public sealed class ImportBatch : OwnedEntity
{
    public required string Kind { get; set; }
    public required string Scope { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    public int Rows { get; set; }
}

/// <summary>Append-only audit entry: chained to the one before it and a leaf of the trail's Merkle tree.</summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }
    private Guid _assigned;

    /// <summary>Made when first asked for, as with <see cref="Entity.Id"/>.</summary>
    public Guid Id
    {
        get => _assigned == Guid.Empty ? _assigned = Guid.CreateVersion7() : _assigned;
        set => _assigned = value;
    }
    public DateTime At { get; set; }
    public Guid? AgencyId { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? EntityType { get; set; }
    public Guid? EntityId { get; set; }
    public string? Details { get; set; }
    /// <summary>Where the request came from (the client's address as the node saw it); none at the terminal.</summary>
    public string? Source { get; set; }
    public AuditOutcome Outcome { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

/// <summary>What came of the action an entry records.</summary>
public enum AuditOutcome { Done, Denied, Failed }

/// <summary>
/// A signed statement of the audit trail's Merkle root at a size: the C2SP checkpoint text signed with the node's
/// key. A partner who keeps one can later prove that the trail only grew since.
/// </summary>
public sealed class AuditCheckpoint
{
    public long TreeSize { get; set; }
    public DateTime At { get; set; }
    /// <summary>Base64 of the root, as in the note.</summary>
    public required string RootHash { get; set; }
    /// <summary>The whole signed note.</summary>
    public required string Note { get; set; }
}

/// <summary>
/// A partner node this node exchanges signed packets with: its name (the name its key was made under), its verifier
/// key as the operators compared it over the phone, and where it listens. During a key rotation the previous key stays
/// valid until <see cref="PreviousKeyUntil"/>.
/// </summary>
public sealed class Partner : Entity
{
    public required string Node { get; set; }
    public required string VerifierKey { get; set; }
    public string? PreviousKey { get; set; }
    public DateTime? PreviousKeyUntil { get; set; }
    public string? Url { get; set; }
    public DateTime AddedAt { get; set; } = DateTime.UtcNow;
    /// <summary>When the latest exchange over the link heard from this partner was made: an older or equal one is a replay.</summary>
    public DateTime? HeardUntil { get; set; }
    /// <summary>When this node last exchanged with the partner over the link, and what went wrong if it failed.</summary>
    public DateTime? LinkAt { get; set; }
    public string? LinkProblem { get; set; }
    /// <summary>The verifier key of the partner's audit signing key, kept from its first audit checkpoint: a later one signed with another is refused.</summary>
    public string? AuditKey { get; set; }
    /// <summary>The partner's newest audit checkpoint this node witnessed (checked consistent with the one before, and cosigned).</summary>
    public string? WitnessedNote { get; set; }
}

/// <summary>
/// A partner's cosignature of one of this node's audit checkpoints: the signed note with the partner's signature line
/// added. Handed to <c>concord audit verify</c> with the node's own checkpoints, it shows a trail rewritten behind it.
/// </summary>
public sealed class AuditCosignature : Entity
{
    public required string Node { get; set; }
    public long TreeSize { get; set; }
    public required string RootHash { get; set; }
    public required string Note { get; set; }
    public DateTime At { get; set; } = DateTime.UtcNow;
}

public enum PacketDirection { Out, In }

/// <summary>
/// Where a packet stands. Out: queued, sent (handed to the link or written to a bundle), acknowledged (the partner says
/// it applied it), refused (the partner says why). In: waiting (for a packet it depends on), applied, refused (and why).
/// </summary>
public enum PacketState { Queued, Sent, Acknowledged, Waiting, Applied, Refused }

/// <summary>
/// A signed packet sent to or received from a partner node, kept whole (the canonical envelope and its signature) so
/// that it can be shown, re-sent and verified again at any time. Owned by the local agency that sent or received it.
/// </summary>
public sealed class Packet : OwnedEntity
{
    /// <summary>The envelope's id (UUIDv7), the same on both nodes; a packet is applied at most once by it.</summary>
    public Guid PacketId { get; set; }
    public PacketDirection Direction { get; set; }
    /// <summary>The partner node: the recipient of an outgoing packet, the sender of an incoming one.</summary>
    public required string Node { get; set; }
    public required string Type { get; set; }
    public PacketState State { get; set; }
    public string? Reason { get; set; }
    /// <summary>SHA-256 (hex) of the signed bytes, which every audit entry about the packet names.</summary>
    public required string Digest { get; set; }
    /// <summary>The envelope in canonical JSON (RFC 8785), as signed.</summary>
    public required string Envelope { get; set; }
    public required string Signature { get; set; }
    public Guid? InReplyTo { get; set; }
    public DateTime StateAt { get; set; } = DateTime.UtcNow;
}
