using Concord.Matching;

namespace Concord.Core;

/// <summary>
/// The refusals a workflow gives an officer (a conflict with the records, a request that cannot be), as templates of the
/// values that fill them (<see cref="ConcordError.Phrase"/>), so that a page says them in its reader's language. Failures
/// only a script or the node operator meets keep plain English.
/// </summary>
public static class ErrorTexts
{
    public const string NoAgreementBinds = "no agreement binds the operation's agency and the lead's provider";
    public const string ReviewAlreadyConfirmed = "review item {0} was already decided (confirmed by {1})";
    public const string ReviewAlreadyRejected = "review item {0} was already decided (rejected by {1})";
    public const string ReviewItemWithdrawn = "review item {0} was withdrawn when the roster was corrected";
    public const string TaskAlreadyConfirmed = "review task {0} was already decided (a candidate confirmed by {1})";
    public const string TaskAlreadyRejected = "review task {0} was already decided (every candidate rejected by {1})";
    public const string TaskWithdrawn = "review task {0} was closed when the roster was corrected; decide the task that replaced it";
    public const string NothingToCorrect = "give at least one field to correct: birth date, sex, identity document type or number";
    public const string OnlyReceiverAssigns = "only the receiving agency assigns suspects";
    public const string BureauBeforeEscort = "assign a bureau before the escort starts";
    public const string NotABureau = "{0} is not a bureau of the receiving agency";
    public const string UserExists = "a user named '{0}' already exists";
    public const string UserNameRequired = "a user name is required";
    public const string OwnRoles = "an administrator cannot change their own roles";
    public const string OwnAccount = "an administrator cannot disable their own account";
    public const string AgreementExists = "agreement {0} already exists with other terms; give the new terms a new code";
    public const string OperationCodeRequired = "an operation code is required";
    public const string ReasonToRedecide = "the link is {0} already: give a reason to decide it again";
    public const string ReportsOwnAgency = "reports are taken into the caller's own agency ({0})";
    public const string OperationOwnAgency = "an operation is created by the caller's own agency";
    public const string TimeZoneUnknown = "'{0}' is not a time zone this node knows (an IANA name such as Asia/Yangon or Asia/Shanghai)";
    public const string OperationExists = "operation {0} already exists for another lead or agency";
    public const string BorderPortRequired = "a border port is required";
    public const string NothingDue = "nothing of operation {0} is due to go to {1} (decide custody first)";
    public const string OnlySenderDispatches = "only the sending agency dispatches a handover";
    public const string NotADraft = "handover {0} is {1}, not a draft";
    public const string NotReceivedYet = "handover {0} has not been received yet: its receipt is printed once the port has checked it in";
    public const string OnlyReceiverReceives = "only the receiving agency enters the receipt";
    public const string OnlyDispatchedReceived = "handover {0} is {1}: only a dispatched handover is received";
    public const string LeadCodeRequired = "a lead code is required";
    public const string OperationCodeInvalid = "operation code '{0}' is not valid: use 1 to 64 letters A-Z, digits, '-', '_' or '.', starting with a letter or digit";
    public const string LeadCodeInvalid = "lead code '{0}' is not valid: use 1 to 64 letters A-Z, digits, '-', '_' or '.', starting with a letter or digit";
    public const string AgencyCodeInvalid = "agency code '{0}' is not valid: use 1 to 64 letters A-Z, digits, '-', '_' or '.', starting with a letter or digit";
    public const string AgreementCodeInvalid = "agreement code '{0}' is not valid: use 1 to 64 letters A-Z, digits, '-', '_' or '.', starting with a letter or digit";
    public const string HandlingCodeRequired = "a handling code is required";
    public const string RoleNeeded = "your roles do not include this step (it needs one of: {0})";
    public const string HandlingCodeUnknown = "handling code '{0}' is not one of H0, H1, H2, H3";
    public const string ConsentNeeded = "{0} persons are linked to targets of lead {1} (handling code {2}): they go to {3} only with the consent of {4}";
    public const string ConsentAlreadySees = "{0} already sees lead {1}: no consent is needed";
    public const string ConsentNotNeeded = "lead {0} is {1}: what it started may be passed on without consent";
    public const string OnlyOriginatorAnswers = "only {0}, which sent lead {1}, answers a request for its consent";
    public const string ConsentAnswered = "the request was already answered ({0})";
    public const string LeadToAnother = "a lead goes to another agency";
    public const string LeadFromOwn = "a lead can only be sent from the caller's own agency";
    public const string LeadExists = "lead {0} was already sent to another agency or under another handling code";
    public const string OnlyReceiverAcknowledges = "only the receiving agency acknowledges a lead";
    public const string ImporterNotAParty = "the caller's agency {0} is not a party of this agreement";
    public const string AcceptOnlyOwn = "{0} accepts an agreement only for itself, not for {1}";
    public const string AcceptForWhom = "name the party the node operator accepts agreement {0} for (--agency)";
    public const string NotAPartyOf = "{0} is not a party of agreement {1}";
    public const string AgreementAlreadyAccepted = "agreement {0} was already accepted for {1} (by {2})";
    public const string AgreementNotAccepted = "agreement {0} is not in force: {1} has not accepted it yet";
    public const string AgreementsTie = "agreements {0} and {1} both bind the operation's agency and the lead's provider, with as many parties and in force from the same day ({2}): give them different effective dates";
    public const string OnlyReceiverResolves = "only the receiving agency resolves the discrepancies of its receipt";
    public const string ResolveNoteRequired = "a note saying how the discrepancy was resolved is required";
    public const string NoOpenDiscrepancy = "{0} has no open discrepancy to resolve";
    public const string AgencyUnknown = "agency '{0}' is not known on this node (import an agreement naming it first)";
    public const string AgencyHostedHere = "{0} is hosted on this node: a roster is shared only with a partner node's agency";
    public const string NotASharedRoster = "operation {0} is not a roster a partner node shared with this node: there is nothing to answer";
    public const string PersonSharedBefore = "roster row {0} was shared before under another person";
    public const string ReceiptHashDiffers = "the receipt says item {0} was received with hash {1}, but the manifest recorded {2}: the receipt is refused";
    public const string ManifestAgain = "handover {0} is already known on this node: a manifest is taken in once";
    public const string ReceiptNotDispatched = "handover {0} is {1} here: only a dispatched handover takes a receipt";
    public const string ReceiptNotOnManifest = "{0} on the receipt is not on the manifest of handover {1}";
    public const string HandlingBelowLead = "the packet's handling code {0} is below {1}, the code of lead {2} it derives from: it is refused";

    /// <summary>Every template above, for the screens' translation tables and their tests.</summary>
    public static IReadOnlyList<string> All { get; } = Phrase.TemplatesIn(typeof(ErrorTexts));
}
