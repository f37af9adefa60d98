using System.Text.Json;
using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Cases;

/// <summary>A link as officers read it: the report, the subject, how it was found, its evidence, and its review.</summary>
public sealed record CaseLinkView(Guid Id, Guid ReportId, string CaseNo, [property: JsonConverter(typeof(SnakeCaseEnum<CaseSubject>))] CaseSubject Subject,
    Guid SubjectId, string SubjectRef, string Method, double Score, [property: JsonConverter(typeof(SnakeCaseEnum<CaseLinkStatus>))] CaseLinkStatus Status,
    string? DecidedBy, DateTime? DecidedAt, string? Reason, IReadOnlyList<CaseEvidence> Evidence);

/// <summary>Reading and reviewing links between reports and suspects or dens: confirmed or rejected by an officer, with a reason, audited.</summary>
public static class CaseLinks
{
    /// <summary>The links of one report the actor sees (<see cref="CaseAccess.Links"/>).</summary>
    public static async Task<IReadOnlyList<CaseLinkView>> OfReportAsync(ConcordDbContext db, Actor actor, Guid reportId, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db.ReadsIn(), actor, RoleTable.ReadCases, "report links", ct);
        return await ViewsAsync(db, CaseAccess.Links(db, actor).Where(l => l.ReportId == reportId), ct);
    }

    /// <summary>The links to one subject (a person, a den) the actor sees.</summary>
    public static async Task<IReadOnlyList<CaseLinkView>> OfSubjectAsync(ConcordDbContext db, Actor actor, CaseSubject subject, Guid subjectId, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db.ReadsIn(), actor, RoleTable.ReadCases, "subject links", ct);
        return await ViewsAsync(db, CaseAccess.Links(db, actor).Where(l => l.Subject == subject && l.SubjectId == subjectId), ct);
    }

    private static async Task<IReadOnlyList<CaseLinkView>> ViewsAsync(ConcordDbContext db, IQueryable<CaseLink> links, CancellationToken ct)
    {
        var rows = await (from l in links.AsNoTracking()
                          join r in db.VictimReports on l.ReportId equals r.Id
                          select new { l, r.CaseNo }).ToListAsync(ct);
        return [.. rows.OrderBy(x => x.CaseNo, StringComparer.Ordinal).ThenBy(x => x.l.Subject).ThenBy(x => x.l.SubjectRef, StringComparer.Ordinal)
            .Select(x => View(x.l, x.CaseNo))];
    }

    public static CaseLinkView View(CaseLink l, string caseNo) => new(l.Id, l.ReportId, caseNo, l.Subject, l.SubjectId, l.SubjectRef, l.Method, l.Score, l.Status,
        l.DecidedBy, l.DecidedAt, l.Reason, JsonSerializer.Deserialize<List<CaseEvidence>>(l.Evidence) ?? []);

    /// <summary>
    /// Confirms or rejects a proposed link; a decided link is decided again only to correct it, with a reason. A rejected
    /// link stays, so that linking never proposes it again.
    /// </summary>
    public static async Task<CaseLinkView> DecideAsync(ConcordDbContext db, Actor actor, Guid linkId, bool confirm, string? reason, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.DecideCaseLinks, "case link decide", ct);
        var link = await CaseAccess.Links(db, actor).FirstOrDefaultAsync(l => l.Id == linkId, ct);
        if (link is null)
        {
            if (await db.CaseLinks.AnyAsync(l => l.Id == linkId, ct)) throw await Access.DeniedAsync(db, actor, nameof(CaseLink), linkId, "link", linkId.ToString(), ct);
            throw new ConcordException(new NotFoundError("link", linkId.ToString()));
        }
        if (link.Status != CaseLinkStatus.Proposed && string.IsNullOrWhiteSpace(reason))
            throw new ConcordException(new InvalidRequestError("reason", new Phrase(ErrorTexts.ReasonToRedecide, link.Status.ToString().ToLowerInvariant())));
        var before = link.Status;
        link.Status = confirm ? CaseLinkStatus.Confirmed : CaseLinkStatus.Rejected;
        link.DecidedBy = actor.Name;
        link.DecidedAt = DateTime.UtcNow;
        link.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var caseNo = await db.VictimReports.Where(r => r.Id == link.ReportId).Select(r => r.CaseNo).FirstAsync(ct);
        db.Record(actor, confirm ? "case-link.confirm" : "case-link.reject", nameof(CaseLink), link.Id,
            $"case={caseNo} subject={link.Subject.ToString().ToLowerInvariant()}:{link.SubjectRef} was={before.ToString().ToLowerInvariant()}{(link.Reason is null ? "" : " reason=" + link.Reason)}");
        await db.SaveChangesAsync(ct);
        return View(link, caseNo);
    }

    /// <summary>
    /// Shares a report or an extraction with another agency. A report is shared by the agency that took it (or one above
    /// it), an extraction by the item's holder; sharing again changes nothing.
    /// </summary>
    public static async Task<bool> ShareAsync(ConcordDbContext db, Actor actor, string recordType, Guid recordId, string toAgencyCode, CancellationToken ct) =>
        await ShareAsync(db, actor, recordType, [recordId], toAgencyCode, ct) == 1;

    /// <summary>The agencies the caller may share a report or an extraction with: every one outside its own part of the tree, by code.</summary>
    public static async Task<IReadOnlyList<string>> ShareTargetsAsync(ConcordDbContext db, Actor actor, CancellationToken ct) =>
        [.. (await Agencies.CodesAsync(db, ct)).Where(a => !actor.Sees(a.Key)).Select(a => a.Value).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Shares many reports or extractions of one kind with another agency at once (a lab's whole delivery): each is checked
    /// as alone, all are shared or none, each with its own audit entry. Returns how many were not shared with it before.
    /// </summary>
    public static async Task<int> ShareAsync(ConcordDbContext db, Actor actor, string recordType, IReadOnlyCollection<Guid> recordIds, string toAgencyCode, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ShareCases, "case share", ct);
        var to = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == toAgencyCode, ct) ?? throw new ConcordException(new NotFoundError("agency", toAgencyCode));
        var ids = recordIds.Distinct().ToList();
        Dictionary<Guid, Guid> owners;
        string entity, noun;
        if (recordType == CaseAccess.Report)
        {
            owners = await db.VictimReports.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.AgencyId, ct);
            (entity, noun) = (nameof(VictimReport), "report");
        }
        else if (recordType == CaseAccess.ExtractionRecord)
        {
            owners = await db.Extractions.AsNoTracking().Where(x => ids.Contains(x.Id)).Join(db.Seizures, x => x.SeizureId, s => s.Id, (x, s) => new { x.Id, s.CustodyAgencyId })
                .ToDictionaryAsync(x => x.Id, x => x.CustodyAgencyId, ct);
            (entity, noun) = (nameof(Extraction), "extraction");
        }
        else throw new ConcordException(new InvalidRequestError("record", "a report or an extraction"));
        foreach (var id in ids)
        {
            if (!owners.TryGetValue(id, out var owner)) throw new ConcordException(new NotFoundError(noun, id.ToString()));
            if (!actor.Sees(owner)) throw await Access.DeniedAsync(db, actor, entity, id, noun, id.ToString(), ct);
        }
        var before = (await db.CaseShares.AsNoTracking().Where(s => s.RecordType == recordType && s.ToAgencyId == to.Id && ids.Contains(s.RecordId)).Select(s => s.RecordId).ToListAsync(ct)).ToHashSet();
        var added = 0;
        foreach (var id in ids.Where(i => !before.Contains(i)))
        {
            var share = new CaseShare { AgencyId = owners[id], RecordType = recordType, RecordId = id, ToAgencyId = to.Id, SharedBy = actor.Name };
            db.CaseShares.Add(share);
            db.Record(actor, "case.share", nameof(CaseShare), share.Id, $"{recordType}={id} to={to.Code}");
            added++;
        }
        if (added > 0) await db.SaveChangesAsync(ct);
        return added;
    }
}
