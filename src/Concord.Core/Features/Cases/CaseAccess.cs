using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Cases;

/// <summary>
/// Who sees the records of cases, in one place, as <see cref="Sharing.SharingModel"/> states it
/// (<see cref="Sharing.SharingModel.SeesCase"/>, <see cref="Sharing.SharingModel.SeesLink"/>): a victim's report is seen by
/// its bureau's agency (and those above it) and by the agencies it was shared with; a device's extraction by the current
/// holder of the seized item and the agencies it was shared with. A link is seen only by whoever sees both its report and
/// its subject's extraction, so a link never shows a report to an agency that may not read it. Every read and search of
/// cases starts from these queries; the sharing property tests hold them to the model on generated worlds.
/// </summary>
public static class CaseAccess
{
    public const string Report = "report";
    public const string ExtractionRecord = "extraction";

    /// <summary>The reports the actor sees: of its agency or one below it, or shared with one of them.</summary>
    public static IQueryable<VictimReport> Reports(ConcordDbContext db, Actor actor)
    {
        if (actor.IsNodeOperator) return db.VictimReports;
        var seen = actor.SeenAgencies.ToList();
        var shared = SharedWith(db, Report, seen);
        return db.VictimReports.Where(r => seen.Contains(r.AgencyId) || shared.Contains(r.Id));
    }

    /// <summary>The extractions the actor sees: of items its agency (or one below it) holds now, or shared with one of them.</summary>
    public static IQueryable<Extraction> Extractions(ConcordDbContext db, Actor actor)
    {
        if (actor.IsNodeOperator) return db.Extractions;
        var seen = actor.SeenAgencies.ToList();
        var held = db.Seizures.Where(s => seen.Contains(s.CustodyAgencyId)).Select(s => s.Id);
        var shared = SharedWith(db, ExtractionRecord, seen);
        return db.Extractions.Where(e => held.Contains(e.SeizureId) || shared.Contains(e.Id));
    }

    /// <summary>The links the actor sees: those whose report and extraction it both sees.</summary>
    public static IQueryable<CaseLink> Links(ConcordDbContext db, Actor actor)
    {
        if (actor.IsNodeOperator) return db.CaseLinks;
        var reports = Reports(db, actor).Select(r => r.Id);
        var extractions = Extractions(db, actor).Select(e => e.Id);
        return db.CaseLinks.Where(l => reports.Contains(l.ReportId) && extractions.Contains(l.ExtractionId));
    }

    /// <summary>The records of one type shared with any of the agencies.</summary>
    private static IQueryable<Guid> SharedWith(ConcordDbContext db, string recordType, List<Guid> agencies) =>
        db.CaseShares.Where(s => s.RecordType == recordType && agencies.Contains(s.ToAgencyId)).Select(s => s.RecordId);

    /// <summary>A report by its agency and case number, or its id; "not found" (audited) for one the actor may not see.</summary>
    public static async Task<VictimReport> ReportAsync(ConcordDbContext db, Actor actor, string caseNo, string? agencyCode, CancellationToken ct)
    {
        var query = db.VictimReports.AsNoTracking().Include(r => r.Losses).Include(r => r.Identifiers).AsSplitQuery();
        VictimReport? report;
        if (Guid.TryParse(caseNo, out var id)) report = await query.FirstOrDefaultAsync(r => r.Id == id, ct);
        else
        {
            var candidates = await query.Where(r => r.CaseNo == caseNo).ToListAsync(ct);
            if (agencyCode is not null)
            {
                var agency = await db.Agencies.AsNoTracking().Where(a => a.Code == agencyCode).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
                candidates = [.. candidates.Where(r => r.AgencyId == agency)];
            }
            // Where two agencies share a case number, the one the actor may read comes first.
            var ids = candidates.Select(r => r.Id).ToList();
            var visible = await Reports(db, actor).Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct);
            report = candidates.FirstOrDefault(r => visible.Contains(r.Id)) ?? candidates.FirstOrDefault();
            if (report is not null && !visible.Contains(report.Id)) throw await Access.DeniedAsync(db, actor, nameof(VictimReport), report.Id, "report", caseNo, ct);
            if (report is not null) return report;
        }
        if (report is null) throw new ConcordException(new NotFoundError("report", caseNo));
        if (!await Reports(db, actor).AnyAsync(r => r.Id == report.Id, ct))
            throw await Access.DeniedAsync(db, actor, nameof(VictimReport), report.Id, "report", caseNo, ct);
        return report;
    }

    /// <summary>Whether the actor may read the victim's name and document number, not only the pseudonym.</summary>
    public static bool SeesVictims(Actor actor) => actor.HasAnyRole(RoleTable.SeeVictims);
}
