using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Operations;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Reports;

/// <summary>The coordinator's overview: the operations a caller sees, the latest one's figures and the figures of all of them.</summary>
public static class Dashboard
{
    public sealed record OperationLine(string Code, string Lead, string Agency, DateTime CreatedAt, int Persons);
    public sealed record Cumulative(int Operations, int Arrested, int HandedOver, int Assigned, int Fugitives);
    public sealed record Point(string Label, int Value);
    public sealed record View(IReadOnlyList<OperationLine> Operations, Cumulative Totals, IReadOnlyList<Point> ByDen, IReadOnlyList<Point> HandoversByDate,
        IReadOnlyList<Point> AssignmentsByProvince);

    public static async Task<View> BuildAsync(ConcordDbContext db, Actor actor, string? current, CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var operations = await OperationViews.VisibleAsync(db, actor, ct);
        var ids = operations.Select(o => o.Id).ToList();
        var persons = await db.Persons.AsNoTracking().Where(p => p.OperationId != null && ids.Contains(p.OperationId.Value))
            .GroupBy(p => p.OperationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key!.Value, x => x.Count, ct);
        var handovers = await db.Handovers.AsNoTracking().Where(h => ids.Contains(h.OperationId)).Select(h => new { h.Id, h.Date, h.OperationId }).ToListAsync(ct);
        var handoverIds = handovers.Select(h => h.Id).ToList();
        var received = await db.HandoverPersons.AsNoTracking().Where(p => handoverIds.Contains(p.HandoverId) && p.Status == HandoverPersonStatus.Received)
            .GroupBy(p => p.HandoverId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var assignments = await db.Assignments.AsNoTracking().Where(a => handoverIds.Contains(a.HandoverId)).Select(a => new { a.HandoverId, a.ProvinceCode }).ToListAsync(ct);
        var operationAgencies = operations.Select(o => o.AgencyId).Distinct().ToList();
        var fugitives = await db.PersonLinks.AsNoTracking().Where(l => l.Kind == LinkKind.Wanted && operationAgencies.Contains(l.AgencyId))
            .Where(l => db.Persons.Any(p => p.Id == l.PersonId && p.OperationId != null && ids.Contains(p.OperationId.Value)))
            .Select(l => l.PersonId).Distinct().CountAsync(ct);

        var chosen = operations.FirstOrDefault(o => o.Code == current) ?? operations.FirstOrDefault();
        var byDen = new List<Point>();
        if (chosen is not null && actor.Sees(chosen.AgencyId, chosen.Lead!.AgencyId))
        {
            byDen = (await db.RosterRecords.AsNoTracking().Where(r => r.OperationId == chosen.Id)
                    .Select(r => new { r.PersonId, r.DenCode }).Distinct().ToListAsync(ct))
                .GroupBy(r => r.PersonId).Select(g => g.Select(x => x.DenCode).FirstOrDefault(d => d is not null) ?? "—")
                .GroupBy(d => d).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new Point(g.Key, g.Count())).ToList();
        }
        var byDate = handovers.GroupBy(h => h.Date).OrderBy(g => g.Key)
            .Select(g => new Point(g.Key.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), g.Sum(h => received.GetValueOrDefault(h.Id)))).ToList();
        var byProvince = assignments.Where(a => a.ProvinceCode is not null).GroupBy(a => ChineseResidentId.ProvinceName(a.ProvinceCode!) ?? a.ProvinceCode!)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => new Point(g.Key, g.Count())).ToList();

        var lines = operations.Select(o => new OperationLine(o.Code, o.Lead!.Code, agencies[o.AgencyId], o.CreatedAt, persons.GetValueOrDefault(o.Id))).ToList();
        return new View(lines, new Cumulative(operations.Count, persons.Values.Sum(), received.Values.Sum(), assignments.Count, fugitives), byDen, byDate, byProvince);
    }
}
