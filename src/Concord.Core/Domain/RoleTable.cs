namespace Concord.Core.Domain;

/// <summary>
/// Who may do what: one table for the pages (<c>[Authorize(Roles = RoleTable.…)]</c>, the buttons a page shows) and the
/// API (every route, by its name, in <see cref="Api"/>). An agency's records are still only those it may see; this
/// table says which of its people and keys may read or change them. The README lists it.
/// </summary>
public static class RoleTable
{
    private const string C = Roles.Coordinator, M = Roles.Commander, K = Roles.Clerk, R = Roles.Reviewer, P = Roles.PortOfficer, I = Roles.Investigator, A = Roles.Auditor;

    public const string ReadLeads = C + "," + M;
    public const string SendLeads = C;
    public const string AcknowledgeLeads = M;
    public const string ReadConsents = C + "," + M;
    public const string RequestConsent = M;
    public const string AnswerConsent = C;
    public const string ReadAgreements = C + "," + M;
    public const string EnterAgreements = C;
    public const string ImportWanted = C;
    public const string CheckIdentity = C + "," + M + "," + K + "," + R + "," + P;
    public const string ReadOperations = M + "," + K + "," + R + "," + C;
    public const string CreateOperations = M;
    public const string FieldFiles = K + "," + M;
    public const string CorrectRoster = K + "," + M + "," + R;
    public const string Match = M;
    public const string ReadReview = R + "," + M;
    public const string DecideReview = R;
    public const string Custody = M;
    public const string ReadPersons = M + "," + K + "," + R + "," + C + "," + P + "," + I;
    public const string ReadHandovers = M + "," + P + "," + C;
    public const string PlanHandovers = M;
    public const string ReceiveHandovers = P;
    public const string ResolveDiscrepancies = P + "," + C;
    public const string ReadAssignments = C + "," + I + "," + P;
    public const string Assign = C + "," + P;
    public const string AssignBureaus = C;
    public const string Escort = P + "," + C;
    public const string Reports = C + "," + M + "," + K + "," + R + "," + P + "," + I + "," + A;
    public const string Audit = A;
    public const string ReadPackets = C + "," + M + "," + A;
    /// <summary>Sending the partner its nationals' roster rows is the raiding commander's; answering with what the reviewers decided, the reviewers' or the commander's.</summary>
    public const string ShareRoster = M;
    public const string ShareMatchResults = R + "," + C;
    public const string Users = Roles.Admin;
    /// <summary>Victims' reports are taken by the bureaus' investigators and the coordinators; the raiding side reads what was shared with it.</summary>
    public const string ImportReports = C + "," + I;
    public const string ReadCases = C + "," + I + "," + M;
    /// <summary>A victim's name and document number open only to these; everyone else reads the pseudonym.</summary>
    public const string SeeVictims = C + "," + I;
    /// <summary>A device's extraction is imported by the item's holder: its commander or clerk on the raiding side, its investigators on the receiving side.</summary>
    public const string ImportExtractions = C + "," + I + "," + M + "," + K;
    public const string LinkCases = C + "," + I;
    public const string DecideCaseLinks = C + "," + I;
    public const string ShareCases = C + "," + I + "," + M;
    /// <summary>Freeze requests are made, and the institutions' answers entered, by the coordinators and investigators; commanders read them.</summary>
    public const string RequestFreezes = C + "," + I;
    public const string ReadFreezes = C + "," + I + "," + M;

    /// <summary>Every API route by its endpoint name; a route missing here does not start (and a test fails).</summary>
    public static readonly IReadOnlyDictionary<string, string> Api = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ImportAgreement"] = EnterAgreements,
        ["ListAgreements"] = ReadAgreements,
        ["GetAgreement"] = ReadAgreements,
        ["AcceptAgreement"] = EnterAgreements,
        ["SendLead"] = SendLeads,
        ["ListLeads"] = ReadLeads,
        ["GetLead"] = ReadLeads,
        ["AcknowledgeLead"] = AcknowledgeLeads,
        ["ListConsents"] = ReadConsents,
        ["RequestConsent"] = RequestConsent,
        ["AnswerConsent"] = AnswerConsent,
        ["ImportWantedList"] = ImportWanted,
        ["CheckIdentity"] = CheckIdentity,
        ["CreateOperation"] = CreateOperations,
        ["GetOperation"] = ReadOperations,
        ["ImportRoster"] = FieldFiles,
        ["ImportSeizures"] = FieldFiles,
        ["MatchOperation"] = Match,
        ["CorrectRoster"] = CorrectRoster,
        ["ListReview"] = ReadReview,
        ["DecideReview"] = DecideReview,
        ["DecideReviewTask"] = DecideReview,
        ["DecideCustody"] = Custody,
        ["ResolveCustody"] = Custody,
        ["ListPersons"] = ReadPersons,
        ["GetPerson"] = ReadPersons,
        ["OperationReport"] = Reports,
        ["OperationReportText"] = Reports,
        ["CumulativeReport"] = Reports,
        ["CumulativeReportText"] = Reports,
        ["PlanHandover"] = PlanHandovers,
        ["GetHandover"] = ReadHandovers,
        ["PrintManifest"] = ReadHandovers,
        ["PrintReceipt"] = ReadHandovers,
        ["DispatchHandover"] = PlanHandovers,
        ["ReceiveHandover"] = ReceiveHandovers,
        ["ResolveDiscrepancy"] = ResolveDiscrepancies,
        ["AssignReceived"] = Assign,
        ["ListAssignments"] = ReadAssignments,
        ["AssignBureau"] = AssignBureaus,
        ["SetEscort"] = Escort,
        ["ImportReports"] = ImportReports,
        ["AddReport"] = ImportReports,
        ["GetReport"] = ReadCases,
        ["ListReportLinks"] = ReadCases,
        ["SetFraudType"] = ImportReports,
        ["ShareReport"] = ShareCases,
        ["ImportExtraction"] = ImportExtractions,
        ["ShareExtraction"] = ShareCases,
        ["LinkCases"] = LinkCases,
        ["ConfirmCaseLink"] = DecideCaseLinks,
        ["RejectCaseLink"] = DecideCaseLinks,
        ["SubjectLosses"] = ReadCases,
        ["RequestFreeze"] = RequestFreezes,
        ["AnswerFreeze"] = RequestFreezes,
        ["ListFreezeRequests"] = ReadFreezes,
        ["FreezeTotals"] = ReadFreezes,
    };

    /// <summary>Any signed-in user, whatever their roles: the dashboard they land on.</summary>
    public const string SignedIn = "";

    /// <summary>
    /// Every page (and download beside the pages) by its route; each page's <c>[Authorize(Roles = …)]</c> names the same
    /// entry, and a test walks the app's route table both ways.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Pages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/dashboard"] = SignedIn,
        ["/leads"] = ReadLeads,
        ["/leads/{Id:guid}"] = ReadLeads,
        ["/agreements"] = ReadAgreements,
        ["/operations"] = ReadOperations,
        ["/operations/{Code}"] = ReadOperations,
        ["/operations/{Code}/custody"] = Custody,
        ["/operations/{Code}/review"] = ReadReview,
        ["/operations/{Code}/persons"] = ReadPersons,
        ["/persons"] = ReadPersons,
        ["/persons/{Id:guid}"] = ReadPersons,
        ["/persons/export.xlsx"] = ReadPersons,
        ["/operations/{Code}/report"] = Reports,
        ["/operations/{code}/report.csv"] = Reports,
        ["/operations/{code}/report.xlsx"] = Reports,
        ["/handovers"] = ReadHandovers,
        ["/handovers/{Id:guid}"] = ReadHandovers,
        ["/handovers/{Id:guid}/port"] = ReceiveHandovers,
        ["/handovers/{id:guid}/manifest.pdf"] = ReadHandovers,
        ["/handovers/{id:guid}/receipt.pdf"] = ReadHandovers,
        ["/handovers/{id:guid}/manifest.xlsx"] = ReadHandovers,
        ["/handovers/{id:guid}/receipt.xlsx"] = ReadHandovers,
        ["/assignments"] = ReadAssignments,
        ["/assignments/export.xlsx"] = ReadAssignments,
        ["/cases"] = ReadCases,
        ["/cases/new"] = ImportReports,
        ["/cases/reports/{Id:guid}"] = ReadCases,
        ["/cases/losses"] = ReadCases,
        ["/cases/graph"] = ReadCases,
        ["/cases/freeze"] = ReadFreezes,
        ["/cases/subjects/{subject}/export.pdf"] = ReadCases,
        ["/cases/subjects/{subject}/export.xlsx"] = ReadCases,
        ["/audit"] = Audit,
        ["/packets"] = ReadPackets,
        ["/admin/users"] = Users,
    };

    public static IReadOnlyList<string> Split(string roles) => roles.Length == 0 ? [] : roles.Split(',');

    /// <summary>Whether a user or key with <paramref name="held"/> may take a step that needs one of <paramref name="roles"/> (none named: anyone).</summary>
    public static bool Allows(string roles, IEnumerable<string> held) => roles.Length == 0 || Split(roles).Intersect(held, StringComparer.Ordinal).Any();

    /// <summary>The roles a program's key may hold: every role of the flow; administering users is for people only.</summary>
    public static readonly IReadOnlyList<string> KeyRoles = Roles.All.Where(r => r != Roles.Admin).ToList();
}
