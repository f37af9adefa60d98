namespace Concord.Core.Domain;

/// <summary>
/// A victim's report as a bureau took it down (报案): what happened, what was lost, and the identifiers the fraud used.
/// It belongs to the reporting bureau's agency and is seen by that agency, those above it, and those it was shared with.
/// </summary>
public sealed class VictimReport : OwnedEntity
{
    /// <summary>The bureau's case number (案件编号), unique within the agency.</summary>
    public required string CaseNo { get; set; }
    public string? Bureau { get; set; }
    /// <summary>The province as the Chinese resident-id code (33 Zhejiang), from the file or the reporting agency.</summary>
    public string? ProvinceCode { get; set; }
    public string? ReportedAtWritten { get; set; }
    public DateTime? ReportedAt { get; set; }
    /// <summary>The victim's name sealed with the node's key; only roles that may see victims open it.</summary>
    public string? VictimNameSealed { get; set; }
    /// <summary>The victim's identity document number, sealed likewise.</summary>
    public string? VictimIdSealed { get; set; }
    /// <summary>A keyed pseudonym of the victim (name and id number): the same victim in two reports has the same one.</summary>
    public required string VictimKey { get; set; }
    public string? Narrative { get; set; }
    /// <summary>The fraud type the officer gave or confirmed (a <c>FraudType</c> code), when given.</summary>
    public string? FraudType { get; set; }
    /// <summary>The type the classifier suggests from the narrative, and how sure it is (0 to 1).</summary>
    public string? FraudTypeSuggested { get; set; }
    public double? FraudTypeConfidence { get; set; }
    public string? Flags { get; set; }
    public string? Notes { get; set; }
    public string? SourceHash { get; set; }
    public List<ReportLoss> Losses { get; set; } = [];
    public List<ReportIdentifier> Identifiers { get; set; } = [];
}

/// <summary>An amount a victim lost, in its currency (CNY, USD, MMK, USDT).</summary>
public sealed class ReportLoss : Entity
{
    public Guid ReportId { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
}

/// <summary>An identifier a report names (the number that called, the card paid into), normalised; <see cref="Written"/> as the clerk wrote it.</summary>
public sealed class ReportIdentifier : Entity
{
    public Guid ReportId { get; set; }
    public required string Kind { get; set; }
    public required string Value { get; set; }
    public required string Written { get; set; }
    public string? Flags { get; set; }
}

/// <summary>
/// What a forensic tool extracted from one seized device (手机/电脑取证): tied to the seizure item and the hash of the
/// image it was read from. Imported and read only by the item's current holder and the agencies it was shared with.
/// </summary>
public sealed class Extraction : OwnedEntity
{
    public Guid SeizureId { get; set; }
    public required string ItemNo { get; set; }
    /// <summary>The SHA-256 of the device image the tool read, as the tool reported it.</summary>
    public required string ImageSha256 { get; set; }
    public string? Tool { get; set; }
    public string? Examiner { get; set; }
    public DateTime? ExtractedAt { get; set; }
    public required string FileName { get; set; }
    /// <summary>The SHA-256 of the extraction file as imported: the same file again changes nothing.</summary>
    public required string FileSha256 { get; set; }
    public int Rows { get; set; }
    public List<ExtractionRecord> Records { get; set; } = [];
}

/// <summary>The tables a forensic extraction holds.</summary>
public enum ExtractionTable { Device, Sims, Accounts, Contacts, Calls, Chats, Payments, Scripts }

/// <summary>
/// One row of an extraction that names an identifier or holds a script: <see cref="Own"/> when the identifier is the
/// device's own (its SIM's number, an account signed in on it, the card it paid from), otherwise one it knew (a contact,
/// a number it called, the account it paid).
/// </summary>
public sealed class ExtractionRecord : Entity
{
    public Guid ExtractionId { get; set; }
    public ExtractionTable Table { get; set; }
    /// <summary>The row in its table as the file numbers it (a CSV's spreadsheet row, a JSON array's position from 1).</summary>
    public int Row { get; set; }
    public string? Kind { get; set; }
    public string? Value { get; set; }
    public string? Written { get; set; }
    public bool Own { get; set; }
    public string? Flags { get; set; }
    /// <summary>A contact's name, a chat's text, a script's words.</summary>
    public string? Text { get; set; }
    public DateTime? At { get; set; }
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
}

public enum CaseLinkStatus { Proposed, Confirmed, Rejected }

/// <summary>What a report is linked to (a person, a den, a seized item); <see cref="Group"/> only in figures: the dens of one criminal group together.</summary>
public enum CaseSubject { Person, Den, Seizure, Group }

/// <summary>
/// A report linked to a suspect, a den or a seized item, with why (<see cref="Evidence"/>: the identifiers and the
/// extraction rows, or the script passage), reviewed like an identity match: a rejected link is never proposed again.
/// </summary>
public sealed class CaseLink : OwnedEntity
{
    public Guid ReportId { get; set; }
    public CaseSubject Subject { get; set; }
    public Guid SubjectId { get; set; }
    /// <summary>The subject as people name it: a roster number, a den code, an item number.</summary>
    public required string SubjectRef { get; set; }
    /// <summary>The extraction the evidence came from: the link is seen only by whoever sees both it and the report.</summary>
    public Guid ExtractionId { get; set; }
    /// <summary><c>exact</c> through an identifier, <c>near</c> through a script's words.</summary>
    public required string Method { get; set; }
    public double Score { get; set; }
    /// <summary>The evidence chain as JSON (<c>CaseEvidence</c>).</summary>
    public required string Evidence { get; set; }
    public CaseLinkStatus Status { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A report or an extraction shared with another agency, which then sees it as its owner does (but may not change it).</summary>
public sealed class CaseShare : OwnedEntity
{
    /// <summary><c>report</c> or <c>extraction</c>.</summary>
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public Guid ToAgencyId { get; set; }
    public required string SharedBy { get; set; }
}

public enum FreezeStatus { Sent, Answered }

/// <summary>What the bank or platform did with a freeze request.</summary>
public enum FreezeOutcome { Frozen, PartlyFrozen, NoFunds, Refused }

/// <summary>
/// A request to a bank or payment platform to freeze an account victims paid into (I-GRIP style): which account, how
/// much, on what legal basis, by when; and the institution's answer. <see cref="Reports"/> are the case numbers behind it.
/// </summary>
public sealed class FreezeRequest : OwnedEntity
{
    public required string RequestNo { get; set; }
    /// <summary>The operation whose seized device owned the account, where exactly one did.</summary>
    public Guid? OperationId { get; set; }
    public required string AccountKind { get; set; }
    public required string Account { get; set; }
    public required string Institution { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public required string LegalBasis { get; set; }
    public DateTime Deadline { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }
    public FreezeStatus Status { get; set; }
    public FreezeOutcome? Outcome { get; set; }
    public decimal? FrozenAmount { get; set; }
    public string? Answer { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
    /// <summary>The case numbers of the reports that name the account, as JSON.</summary>
    public required string Reports { get; set; }
}
