using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Cases;

/// <summary>A report as the list shows it: who took it, when, what type, what was lost, and how far linking got.</summary>
public sealed record ReportRow(Guid Id, string CaseNo, string Agency, string? Bureau, string? ProvinceCode, DateTime? ReportedAt, string? FraudType,
    string? FraudTypeSuggested, double? FraudTypeConfidence, IReadOnlyList<Money> Losses, int Links, int Confirmed);

/// <summary>Reports as the list shows them, with the zone the reader's times are shown in.</summary>
public sealed record ReportList(IReadOnlyList<ReportRow> Rows, string ViewerZone);

/// <summary>
/// One report as an officer reads it (<see cref="ReportView"/>: the victim by pseudonym unless the role may see victims,
/// the identifiers, the losses, the links the caller sees with their evidence) and, for every suspect and den a link
/// leads to, what all the reports linked to it add up to (<see cref="SubjectLosses"/>).
/// </summary>
/// <param name="PersonsOpen">The linked suspects the officer may open; the others are named (the link says who) but not linked to.</param>
public sealed record ReportDetail(ReportView Report, bool VictimOpen, IReadOnlyList<SubjectLosses> Subjects, string ViewerZone, IReadOnlySet<Guid> PersonsOpen);

/// <summary>Where an identifier was found: in a report, or on a seized device (its own, or one it knew).</summary>
public sealed record IdentifierHit(string Kind, string Value, string Written, bool InReport, Guid RecordId, string Ref,
    bool Own, string? Table, int? Row, string? Den, string? Holder);

/// <summary>An identifier search: how the text was read (every kind it is valid as) and where each reading was found.</summary>
public sealed record IdentifierSearch(string Text, IReadOnlyList<IdentifierReading> Readings, IReadOnlyList<IdentifierHit> Hits);

/// <summary>The reads of cases that pages and the API show, each authorised, scoped by <see cref="CaseAccess"/> and audited.</summary>
public static class CaseViews
{
    /// <summary>The latest reports the actor sees, or those whose case number starts with, or whose identifiers match, the search.</summary>
    public static async Task<ReportList> ReportsAsync(ConcordDbContext db, Actor actor, string? search, int take, IReadAudit reads, CancellationToken ct)
    {
        await Access.RequireRoleAsync(reads, actor, RoleTable.ReadCases, "reports list", ct);
        var query = CaseAccess.Reports(db, actor).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            var values = (await ReadingsAsync(db, actor, text, ct)).Select(r => r.Value!).Distinct().ToList();
            query = query.Where(r => r.CaseNo.StartsWith(text) || db.ReportIdentifiers.Any(i => i.ReportId == r.Id && values.Contains(i.Value)));
        }
        var reports = await query.OrderByDescending(r => r.ReportedAt).ThenBy(r => r.CaseNo).Take(take)
            .Select(r => new { r.Id, r.CaseNo, r.AgencyId, r.Bureau, r.ProvinceCode, r.ReportedAt, r.FraudType, r.FraudTypeSuggested, r.FraudTypeConfidence })
            .ToListAsync(ct);
        var rows = await RowsAsync(db, actor, [.. reports.Select(r => r.Id)], ct);
        var codes = await Agencies.CodesAsync(db, ct);
        await reads.RecordAsync(actor, "case-report.list", nameof(VictimReport), null, $"reports={reports.Count}{(string.IsNullOrWhiteSpace(search) ? "" : " search=" + search.Trim())}", ct);
        return new ReportList([.. reports.Select(r => new ReportRow(r.Id, r.CaseNo, codes.GetValueOrDefault(r.AgencyId, "?"), r.Bureau, r.ProvinceCode, r.ReportedAt, r.FraudType,
            r.FraudTypeSuggested, r.FraudTypeConfidence, rows.Losses.GetValueOrDefault(r.Id) ?? [], rows.Links.GetValueOrDefault(r.Id).All, rows.Links.GetValueOrDefault(r.Id).Confirmed))],
            await Agencies.ZoneOfAsync(db, actor, ct));
    }

    /// <summary>One report with its links and the figures of every subject they lead to; "not found" for one the actor may not see.</summary>
    public static async Task<ReportDetail> ReportAsync(ConcordDbContext db, Actor actor, Guid id, IReadAudit reads, CancellationToken ct)
    {
        var report = await CaseReports.GetAsync(db, actor, id.ToString(), null, reads, ct);
        var subjects = new List<SubjectLosses>();
        foreach (var s in report.Links.Where(l => l.Status != CaseLinkStatus.Rejected).Select(l => (l.Subject, l.SubjectId)).Distinct())
        {
            if (await CaseLosses.OfSubjectAsync(db, actor, s.Subject, s.SubjectId, ct) is { } figures) subjects.Add(figures);
        }
        var persons = report.Links.Where(l => l.Subject == CaseSubject.Person).Select(l => l.SubjectId).ToList();
        return new ReportDetail(report, CaseAccess.SeesVictims(actor), [.. subjects.OrderBy(s => s.Subject).ThenBy(s => s.SubjectRef, StringComparer.Ordinal)],
            await Agencies.ZoneOfAsync(db, actor, ct), await Access.PersonsSeenAsync(db, actor, persons, ct));
    }

    /// <summary>
    /// Finds an identifier across everything the actor may see: the text is read as every kind it is valid as (a number as
    /// a phone and a QQ number, say), and each reading is looked for in reports and on seized devices.
    /// </summary>
    public static async Task<IdentifierSearch> SearchAsync(ConcordDbContext db, Actor actor, string text, IReadAudit reads, CancellationToken ct)
    {
        await Access.RequireRoleAsync(reads, actor, RoleTable.ReadCases, "identifier search", ct);
        var readings = await ReadingsAsync(db, actor, text.Trim(), ct);
        var values = readings.Select(r => r.Value!).Distinct().ToList();
        var hits = new List<IdentifierHit>();
        if (values.Count > 0)
        {
            var inReports = await (from i in db.ReportIdentifiers.AsNoTracking()
                                   join r in CaseAccess.Reports(db, actor) on i.ReportId equals r.Id
                                   where values.Contains(i.Value)
                                   select new { i.Kind, i.Value, i.Written, r.Id, r.CaseNo }).Take(500).ToListAsync(ct);
            hits.AddRange(inReports.Select(h => new IdentifierHit(h.Kind, h.Value, h.Written, true, h.Id, h.CaseNo, false, null, null, null, null)));
            var onDevices = await (from x in db.ExtractionRecords.AsNoTracking()
                                   join e in CaseAccess.Extractions(db, actor) on x.ExtractionId equals e.Id
                                   join s in db.Seizures on e.SeizureId equals s.Id
                                   where x.Value != null && values.Contains(x.Value)
                                   select new { x.Kind, x.Value, x.Written, x.Own, x.Table, x.Row, e.Id, s.ItemNo, s.DenCode, s.HolderRosterNo }).Take(500).ToListAsync(ct);
            hits.AddRange(onDevices.Select(h => new IdentifierHit(h.Kind ?? "", h.Value!, h.Written ?? h.Value!, false, h.Id, h.ItemNo, h.Own,
                ImportExtraction.TableName(h.Table), h.Row, h.DenCode, h.HolderRosterNo)));
        }
        await reads.RecordAsync(actor, "identifier.search", nameof(ReportIdentifier), null, $"search={text.Trim()} hits={hits.Count}", ct);
        return new IdentifierSearch(text.Trim(), readings,
            [.. hits.OrderBy(h => !h.InReport).ThenBy(h => h.Ref, StringComparer.Ordinal).ThenBy(h => h.Row)]);
    }

    /// <summary>The valid readings of a text as an identifier, with the actor's country's numbering plan for local numbers.</summary>
    private static async Task<List<IdentifierReading>> ReadingsAsync(ConcordDbContext db, Actor actor, string text, CancellationToken ct)
    {
        if (text.Length == 0) return [];
        var country = actor.AgencyId is { } agency ? await db.Agencies.AsNoTracking().Where(a => a.Id == agency).Select(a => a.Country).FirstOrDefaultAsync(ct) : null;
        var region = CaseFields.RegionOf(country, "CN");
        return [.. Enum.GetValues<IdentifierKind>().Select(k => CaseIdentifiers.Read(k, text, region)).Where(r => r.Ok)
            .DistinctBy(r => CaseFields.Key(CaseIdentifiers.KindName(r.Kind), r.Value!))];
    }

    private static async Task<(Dictionary<Guid, IReadOnlyList<Money>> Losses, Dictionary<Guid, (int All, int Confirmed)> Links)> RowsAsync(
        ConcordDbContext db, Actor actor, List<Guid> ids, CancellationToken ct)
    {
        var losses = (await db.ReportLosses.AsNoTracking().Where(l => ids.Contains(l.ReportId)).ToListAsync(ct))
            .GroupBy(l => l.ReportId).ToDictionary(g => g.Key, g => Money.Total(g));
        var links = (await CaseAccess.Links(db, actor).AsNoTracking().Where(l => ids.Contains(l.ReportId) && l.Status != CaseLinkStatus.Rejected)
                .Select(l => new { l.ReportId, l.Status }).ToListAsync(ct))
            .GroupBy(l => l.ReportId).ToDictionary(g => g.Key, g => (g.Count(), g.Count(l => l.Status == CaseLinkStatus.Confirmed)));
        return (losses, links);
    }
}
