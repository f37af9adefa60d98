using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;

namespace Concord.Core.Features.Cases;

/// <summary>An identifier of a report: its kind, the normalised value links meet on, as the clerk wrote it, and what its reading noticed.</summary>
public sealed record ReportIdentifierView(string Kind, string Value, string Written, string? Flags);

/// <summary>
/// A victim's report as the caller may read it: the victim by pseudonym, by name and document number only for the roles
/// that see victims (<see cref="CaseAccess.SeesVictims"/>); the losses, the identifiers, the fraud type with the
/// classifier's suggestion, and the links the caller sees.
/// </summary>
public sealed record ReportView(Guid Id, string CaseNo, string Agency, string? Bureau, string? Province, string? ReportedAtWritten, DateTime? ReportedAt,
    string Victim, string? VictimName, string? VictimId, string? Narrative, string? FraudType, string? FraudTypeSuggested, double? FraudTypeConfidence,
    string? Flags, IReadOnlyList<Money> Losses, IReadOnlyList<ReportIdentifierView> Identifiers, IReadOnlyList<CaseLinkView> Links);

/// <summary>Reading one victim's report whole, for the API and the pages: found through <see cref="CaseAccess.ReportAsync"/>, the read audited.</summary>
public static class CaseReports
{
    /// <summary>The report by case number (or id), of <paramref name="agencyCode"/> where two agencies share one; reading it is audited through <paramref name="reads"/>.</summary>
    public static async Task<ReportView> GetAsync(ConcordDbContext db, Actor actor, string caseNo, string? agencyCode, IReadAudit reads, CancellationToken ct)
    {
        await Access.RequireRoleAsync(reads, actor, RoleTable.ReadCases, "report read", ct);
        var report = await CaseAccess.ReportAsync(db, actor, caseNo, agencyCode, ct);
        return await ViewAsync(db, actor, report, reads, ct);
    }

    /// <summary>
    /// The view of a report read with its losses and identifiers. A victim opened to the caller is recorded as a read
    /// through <paramref name="reads"/> (<see cref="AnswerToChange"/> where the report was just written).
    /// </summary>
    public static async Task<ReportView> ViewAsync(ConcordDbContext db, Actor actor, VictimReport report, IReadAudit reads, CancellationToken ct)
    {
        var links = await CaseLinks.OfReportAsync(db, actor, report.Id, ct);
        var codes = await Agencies.CodesAsync(db, ct);
        var opens = CaseAccess.SeesVictims(actor);
        var secrets = NodeSecrets.Current;
        await reads.RecordAsync(actor, "case-report.read", nameof(VictimReport), report.Id, $"case={report.CaseNo} agency={codes[report.AgencyId]}{(opens ? " victim=shown" : "")}", ct);
        return new ReportView(report.Id, report.CaseNo, codes[report.AgencyId], report.Bureau, report.ProvinceCode, report.ReportedAtWritten, report.ReportedAt,
            report.VictimKey, opens && report.VictimNameSealed is { } name ? secrets.Open(name) : null, opens && report.VictimIdSealed is { } id ? secrets.Open(id) : null,
            report.Narrative, report.FraudType, report.FraudTypeSuggested, report.FraudTypeConfidence, report.Flags,
            [.. report.Losses.OrderBy(l => l.Currency, StringComparer.Ordinal).ThenBy(l => l.Amount).Select(l => new Money(l.Currency, l.Amount))],
            [.. report.Identifiers.OrderBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Value, StringComparer.Ordinal).Select(i => new ReportIdentifierView(i.Kind, i.Value, i.Written, i.Flags))],
            links);
    }
}
