using Concord.Cli.Web.Text;

namespace Concord.Cli.Web.App.Shared;

/// <summary>The UI's words for the codes that records store (nationalities, roles, statuses, item types).</summary>
public static class Names
{
    public static string Nationality(UiText t, string code) => code switch
    {
        "CHN" => t["Chinese"],
        "MMR" => t["Burmese"],
        "UNKNOWN" => t["Unknown"],
        _ => Concord.Matching.Countries.Name(code, UiText.Current),
    };

    /// <summary>A record's sex (M, F) in words; unknown as a dash.</summary>
    public static string Sex(UiText t, string? sex) => sex switch
    {
        "M" => t["Male"],
        "F" => t["Female"],
        _ => "—",
    };

    /// <summary>An identity document's type as stored (CN-RIC, MM-NRC, PASSPORT, OTHER) in words.</summary>
    public static string DocumentType(UiText t, string? type) => type is null ? t["ID document"] : t[Concord.Core.Features.Handover.HandoverPaper.DocumentLabel(type)];

    /// <summary>Where a shown number comes from (<c>roster:MUSE-0001</c>, <c>wanted:W0010919</c>, <c>target:T-12</c>), said so that nobody takes a list's number for the one the person carried.</summary>
    public static string DocumentSource(UiText t, string? source) => source?.Split(':', 2) switch
    {
        ["roster", var no] => t["on roster row {0}", no],
        ["wanted", var no] => t["from wanted record {0}, not seen on the person", no],
        ["target", var no] => t["from the lead's target {0}, not seen on the person", no],
        _ => "",
    };

    public static string Role(UiText t, string role) => role switch
    {
        "financier" => t["Financier"],
        "leader" => t["Leader"],
        "backbone" => t["Backbone"],
        "member" => t["Member"],
        _ => role,
    };

    public static string SeizureType(UiText t, string type) => t[Concord.Core.Features.Handover.HandoverPaper.TypeLabel(type)];

    /// <summary>A data-quality flag an import put on a roster row, said as what to check.</summary>
    public static string Flag(UiText t, string flag) => flag switch
    {
        "id-malformed" => t["ID number malformed"],
        "id-check-digit" => t["ID check digit wrong"],
        "birth-date-day-month-swapped" => t["Birth date: day and month swapped"],
        "birth-date-disagrees-with-id" => t["Birth date disagrees with the ID"],
        "sex-disagrees-with-id" => t["Sex disagrees with the ID"],
        "nrc-unrecognised" => t["NRC number not recognised"],
        "phone-unrecognised" => t["Phone number not recognised"],
        "id-excel-number" => t["ID number turned into a number by Excel"],
        "phone-excel-number" => t["Phone number turned into a number by Excel"],
        "birth-date-rewritten" => t["Birth date re-written by Excel"],
        _ => flag,
    };

    /// <summary>What a clerk does about a flag on a row of their file.</summary>
    public static string FlagAdvice(UiText t, string flag) => flag switch
    {
        "id-excel-number" or "phone-excel-number" =>
            t["Excel kept only the first 15 digits. Format the column as Text, type the number again from the document, and upload the file again."],
        "birth-date-rewritten" => t["Excel wrote the date in another order; it was read month first unless the day shows otherwise. Check it against the document."],
        "id-malformed" or "id-check-digit" => t["Type the ID number again from the document."],
        "birth-date-day-month-swapped" or "birth-date-disagrees-with-id" => t["Check the date of birth against the ID number."],
        "sex-disagrees-with-id" => t["Check the sex against the ID number."],
        "nrc-unrecognised" => t["Type the NRC number again as printed (e.g. 12/MaYaKa(N)123456)."],
        "phone-unrecognised" => t["Write the number with its country code (+86, +95)."],
        _ => "",
    };

    /// <summary>The kind of record an audit entry is about.</summary>
    public static string Entity(UiText t, string? type) => type switch
    {
        null => "",
        "Lead" => t["Lead"],
        "Operation" => t["Operation"],
        "Agreement" => t["Agreement"],
        "Person" => t["Person"],
        "ReviewItem" => t["Review proposal"],
        "Handover" => t["Handover"],
        "Assignment" => t["Assignment"],
        "User" => t["User"],
        "ApiKey" => t["API key"],
        "Agency" => t["Agency"],
        "ImportBatch" => t["Imported file"],
        "Seizure" => t["Seized item"],
        "WantedPerson" => t["Wanted person"],
        _ => type,
    };

    public static string Status(UiText t, string status) => status switch
    {
        "pending" => t["Pending"],
        "received" => t["Received"],
        "missing" => t["Missing"],
        "identity_disputed" => t["Identity disputed"],
        "hash_mismatch" => t["Hash mismatch"],
        "draft" => t["Draft"],
        "dispatched" => t["Dispatched"],
        "closed" => t["Closed"],
        "open" => t["Open"],
        "confirmed" => t["Confirmed"],
        "rejected" => t["Rejected"],
        _ => status,
    };

    /// <summary>An audit entry's action (<c>review.confirm</c>) as an officer says it; an action not in the table is shown as stored.</summary>
    /// <summary>A field of an audit entry's details (<c>rows</c>, <c>file</c>) by its label; a name the trail does not list, as stored.</summary>
    public static string DetailName(UiText t, string name) =>
        Concord.Core.Auditing.AuditDetails.Labels.TryGetValue(name, out var label) ? t[label] : name;

    public static string Action(UiText t, string action) => action switch
    {
        "access.denied" => t["Access refused"],
        "agency.create" => t["Agency created"],
        "agreement.accept" => t["Agreement accepted"],
        "agreement.import" => t["Agreement imported"],
        "apikey.create" => t["API key created"],
        "apikey.revoke" => t["API key revoked"],
        "api.call" => t["API call"],
        "api.read" => t["API read"],
        "api.not-found" => t["API: record not found"],
        "api.unauthenticated" => t["API: not signed in"],
        "assignment.create" => t["Assigned to a bureau"],
        "assignment.bureau" => t["Bureau chosen"],
        "assignment.escort" => t["Escort status changed"],
        "assignment.manual" => t["Assigned by hand"],
        "assignment.run" => t["Assignments made"],
        "audit.checkpoint" => t["Audit checkpoint"],
        "audit.read" => t["Audit trail read"],
        "audit.verify" => t["Audit chain verified"],
        "auth.signin" => t["Signed in"],
        "auth.signout" => t["Signed out"],
        "auth.signin-failed" => t["Sign-in failed"],
        "auth.totp-failed" => t["Authenticator code wrong"],
        "auth.locked-out" => t["Account locked"],
        "auth.rate-limited" => t["Too many attempts"],
        "auth.refused" => t["Sign-in refused"],
        "auth.enrolment-failed" => t["Authenticator set-up failed"],
        "consent.request" => t["Consent requested"],
        "consent.answer" => t["Consent answered"],
        "consent.grant" => t["Consent granted"],
        "consent.refuse" => t["Consent refused"],
        "custody.decide" => t["Custody decided by the agreement"],
        "custody.resolve" => t["Custody decided by a reviewer"],
        "handover.plan" => t["Handover planned"],
        "handover.dispatch" => t["Handover dispatched"],
        "handover.receive" => t["Checked in at the port"],
        "handover.resolve" => t["Handover exception resolved"],
        "handover.close" => t["Handover closed"],
        "handover.read" => t["Manifest read"],
        "lead.send" => t["Lead sent"],
        "lead.acknowledge" => t["Lead acknowledged"],
        "lead.import" => t["Lead imported"],
        "lead.read" => t["Lead read"],
        "match.accept" => t["Matched automatically"],
        "match.run" => t["Matching run"],
        "node.backup" => t["Node backed up"],
        "operation.create" => t["Operation created"],
        "page.open" => t["Page opened"],
        "page.read" => t["Page read"],
        "page.not-found" => t["Page: record not found"],
        "page.unauthenticated" => t["Page: not signed in"],
        "person.read" => t["Person read"],
        "person.list" => t["Persons listed"],
        "person.count" => t["Persons counted"],
        "person.merge" => t["Roster rows merged into one person"],
        "report.read" => t["Report read"],
        "report.cumulative.read" => t["Cumulative report read"],
        "review.read" => t["Review queue read"],
        "review.batch" => t["Decisions taken in a batch"],
        "review.decide" => t["Review decided"],
        "review.confirm" => t["Match confirmed"],
        "review.reject" => t["Match rejected"],
        "review.task.confirm" => t["Identity confirmed"],
        "review.task.reject" => t["All candidates rejected"],
        "review.task.needs-identification" => t["Needs identification"],
        "review.task.withdraw" => t["Review withdrawn after a correction"],
        "roster.correct" => t["Roster row corrected"],
        "roster.import" => t["Roster imported"],
        "seizures.import" => t["Seizures imported"],
        "sharing.refused" => t["Sharing refused"],
        "user.create" => t["User created"],
        "user.disable" => t["User disabled"],
        "user.enable" => t["User enabled"],
        "user.roles" => t["Roles changed"],
        "user.unlock" => t["User unlocked"],
        "user.reset-password" => t["Password reset"],
        "user.reset-authenticator" => t["Authenticator reset"],
        "wanted.import" => t["Wanted list imported"],
        "wanted-update.import" => t["Wanted list updated"],
        "wanted-full-update.import" => t["Wanted list replaced"],
        "wanted.add" => t["Wanted record added"],
        "wanted.change" => t["Wanted record changed"],
        "wanted.withdraw" => t["Wanted record withdrawn"],
        "wanted.check" => t["Checked against the wanted lists"],
        "index.lock" => t["Index locked"],
        "arrest" => t["Arrested"],
        "case-report.list" => t["Victims' reports listed"],
        "case-report.read" => t["Victim's report read"],
        "report.add" => t["Victim's report added"],
        "report.fraud-type" => t["Fraud type set"],
        "extraction.import" => t["Device extraction imported"],
        "cases.link" => t["Reports linked to suspects"],
        "case-link.confirm" => t["Case link confirmed"],
        "case-link.reject" => t["Case link rejected"],
        "case.share" => t["Case record shared"],
        "case.graph" => t["Link graph read"],
        "identifier.search" => t["Identifier searched"],
        "freeze.request" => t["Freeze requested"],
        "freeze.answer" => t["Freeze answer entered"],
        _ => action,
    };
}
