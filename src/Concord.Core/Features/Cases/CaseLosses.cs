using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Cases;

/// <summary>An amount in one currency.</summary>
public sealed record Money(string Currency, decimal Amount)
{
    /// <summary>Amounts added up per currency, the largest first.</summary>
    public static IReadOnlyList<Money> Total(IEnumerable<(string Currency, decimal Amount)> items) =>
        [.. items.GroupBy(i => i.Currency, StringComparer.Ordinal).Select(g => new Money(g.Key, g.Sum(i => i.Amount))).OrderByDescending(m => m.Amount)];

    /// <summary>A report's losses added up per currency, the largest first.</summary>
    public static IReadOnlyList<Money> Total(IEnumerable<ReportLoss> losses) => Total(losses.Select(l => (l.Currency, l.Amount)));
}

/// <summary>
/// What the reports linked to one suspect or den add up to: how many reports and victims, the losses by currency (all
/// linked reports, and those whose link an officer confirmed), by province, and the time they span; <see cref="Reports"/>
/// are the reports behind every figure, each reached through its links' evidence.
/// </summary>
public sealed record SubjectLosses([property: JsonConverter(typeof(SnakeCaseEnum<CaseSubject>))] CaseSubject Subject, Guid SubjectId, string SubjectRef, int ReportCount, int Confirmed, int Victims,
    IReadOnlyList<Money> Losses, IReadOnlyList<Money> ConfirmedLosses, IReadOnlyDictionary<string, IReadOnlyList<Money>> ByProvince,
    DateTime? First, DateTime? Last, IReadOnlyList<Guid> Reports);

/// <summary>Losses and roles: the reports, victims and money behind each suspect and den, from the links the caller sees (a rejected link counts for nothing).</summary>
public static class CaseLosses
{
    /// <summary>Every suspect or den with a link the actor sees, the largest first.</summary>
    public static async Task<IReadOnlyList<SubjectLosses>> OfAllAsync(ConcordDbContext db, Actor actor, CaseSubject subject, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db.ReadsIn(), actor, RoleTable.ReadCases, "case losses", ct);
        return await ComputeAsync(db, CaseAccess.Links(db, actor).Where(l => l.Subject == subject && l.Status != CaseLinkStatus.Rejected), ct);
    }

    /// <summary>One suspect's or den's figures, or null when no link to it is seen.</summary>
    public static async Task<SubjectLosses?> OfSubjectAsync(ConcordDbContext db, Actor actor, CaseSubject subject, Guid subjectId, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db.ReadsIn(), actor, RoleTable.ReadCases, "case losses", ct);
        var all = await ComputeAsync(db, CaseAccess.Links(db, actor).Where(l => l.Subject == subject && l.SubjectId == subjectId && l.Status != CaseLinkStatus.Rejected), ct);
        return all.SingleOrDefault();
    }

    /// <summary>
    /// Per criminal group (the lead's group of each den): the reports linked to any of its dens the actor sees, each
    /// counted once however many of the group's dens it is linked to. A den the lead names no group for is left out.
    /// </summary>
    public static async Task<IReadOnlyList<SubjectLosses>> OfGroupsAsync(ConcordDbContext db, Actor actor, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db.ReadsIn(), actor, RoleTable.ReadCases, "case losses", ct);
        var links = CaseAccess.Links(db, actor).Where(l => l.Subject == CaseSubject.Den && l.Status != CaseLinkStatus.Rejected);
        var dens = links.Select(l => l.SubjectId);
        var groups = await db.Dens.AsNoTracking().Where(d => dens.Contains(d.Id) && d.Group != null).ToDictionaryAsync(d => d.Id, d => d.Group!, ct);
        return await ComputeAsync(db, links, ct, groups);
    }

    /// <param name="groupOf">For the figures per criminal group: each den's group; a den's links then count under its group, and a den of no group is left out.</param>
    private static async Task<IReadOnlyList<SubjectLosses>> ComputeAsync(ConcordDbContext db, IQueryable<CaseLink> links, CancellationToken ct,
        IReadOnlyDictionary<Guid, string>? groupOf = null)
    {
        var read = await links.AsNoTracking().Select(l => new { l.Subject, l.SubjectId, l.SubjectRef, l.ReportId, l.Status }).ToListAsync(ct);
        var rows = groupOf is null ? read
            : [.. read.Where(r => groupOf.ContainsKey(r.SubjectId)).Select(r => r with { Subject = CaseSubject.Group, SubjectId = Guid.Empty, SubjectRef = groupOf[r.SubjectId] })];
        var reportIds = rows.Select(r => r.ReportId).Distinct().ToList();
        var reports = new Dictionary<Guid, (string VictimKey, string? Province, DateTime? At)>();
        var losses = new Dictionary<Guid, List<ReportLoss>>();
        foreach (var chunk in reportIds.Chunk(1000))
        {
            foreach (var r in await db.VictimReports.AsNoTracking().Where(r => chunk.Contains(r.Id)).Select(r => new { r.Id, r.VictimKey, r.ProvinceCode, r.ReportedAt }).ToListAsync(ct))
                reports[r.Id] = (r.VictimKey, r.ProvinceCode, r.ReportedAt);
            foreach (var l in await db.ReportLosses.AsNoTracking().Where(l => chunk.Contains(l.ReportId)).ToListAsync(ct))
            {
                if (!losses.TryGetValue(l.ReportId, out var list)) losses[l.ReportId] = list = [];
                list.Add(l);
            }
        }
        return [.. rows.GroupBy(r => (r.Subject, r.SubjectId, r.SubjectRef)).Select(g =>
        {
            var ids = g.Select(r => r.ReportId).Distinct().ToList();
            var confirmed = g.Where(r => r.Status == CaseLinkStatus.Confirmed).Select(r => r.ReportId).Distinct().ToList();
            var lossesOf = (IEnumerable<Guid> of) => of.SelectMany(id => losses.GetValueOrDefault(id) ?? []);
            var at = ids.Select(id => reports[id].At).OfType<DateTime>().ToList();
            return new SubjectLosses(g.Key.Subject, g.Key.SubjectId, g.First().SubjectRef, ids.Count, confirmed.Count,
                ids.Select(id => reports[id].VictimKey).Distinct(StringComparer.Ordinal).Count(), Money.Total(lossesOf(ids)), Money.Total(lossesOf(confirmed)),
                ids.GroupBy(id => reports[id].Province ?? "").ToDictionary(p => p.Key, p => Money.Total(lossesOf(p)), StringComparer.Ordinal),
                at.Count == 0 ? null : at.Min(), at.Count == 0 ? null : at.Max(), ids);
        }).OrderByDescending(s => s.ReportCount).ThenBy(s => s.SubjectRef, StringComparer.Ordinal)];
    }
}
