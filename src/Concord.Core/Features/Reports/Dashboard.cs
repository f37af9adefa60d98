using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Operations;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Reports;

/// <summary>The coordinator's overview: the operations a caller sees, the latest one's dens, and the figures of all of them (<see cref="CumulativeReport"/>).</summary>
public static class Dashboard
{
    public sealed record OperationLine(string Code, string Lead, string Agency, DateTime CreatedAt, int Persons);
    public sealed record Point(string Label, int Value);
    public sealed record View(IReadOnlyList<OperationLine> Operations, CumulativeReport.Report Totals, IReadOnlyList<Point> ByDen)
    {
        public int Assigned => Totals.ByProvince.Sum(p => p.Persons) + Totals.ProvinceUnknown;

        public IReadOnlyList<Point> HandoversByDate => Totals.ByDate.Select(c => new Point(c.Key, c.Persons)).ToList();

        public IReadOnlyList<Point> HandoversByYear => Totals.ByYear.Select(y => new Point(y.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), y.HandedOver)).ToList();

        public IReadOnlyList<Point> HandoversByPort => Totals.ByPort.Select(c => new Point(c.Key, c.Persons)).ToList();

        /// <summary>Persons assigned per province, the provinces named in the reader's language (en, zh, my).</summary>
        public IReadOnlyList<Point> AssignmentsByProvince(string language) => Totals.ByProvince.Select(c => new Point(ChineseResidentId.ProvinceLabel(c.Key, language), c.Persons)).ToList();
    }

    public static async Task<View> BuildAsync(ConcordDbContext db, Actor actor, string? current, IReadAudit reads, CancellationToken ct)
    {
        var agencies = await Agencies.CodesAsync(db, ct);
        var operations = await OperationViews.VisibleAsync(db, actor, ct);
        var ids = operations.Select(o => o.Id).ToList();
        var persons = await db.Persons.AsNoTracking().Where(p => p.OperationId != null && ids.Contains(p.OperationId.Value))
            .GroupBy(p => p.OperationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key!.Value, x => x.Count, ct);

        var chosen = operations.FirstOrDefault(o => o.Code == current) ?? operations.FirstOrDefault();
        var byDen = new List<Point>();
        if (chosen is not null && actor.Sees(chosen.AgencyId, chosen.Lead!.AgencyId))
        {
            byDen = (await db.RosterRecords.AsNoTracking().Where(r => r.OperationId == chosen.Id)
                    .Select(r => new { r.PersonId, r.DenCode }).Distinct().ToListAsync(ct))
                .GroupBy(r => r.PersonId).Select(g => g.Select(x => x.DenCode).FirstOrDefault(d => d is not null) ?? "—")
                .GroupBy(d => d).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new Point(g.Key, g.Count())).ToList();
        }
        var lines = operations.Select(o => new OperationLine(o.Code, o.Lead!.Code, agencies[o.AgencyId], o.CreatedAt, persons.GetValueOrDefault(o.Id))).ToList();
        return new View(lines, await CumulativeReport.FiguresAsync(db, actor, reads, ct), byDen);
    }

    /// <summary>
    /// The report of the operation chosen on the dashboard (else the newest), for a user whose roles take reports; none
    /// for the others, who see the figures across operations only.
    /// </summary>
    public static async Task<OperationReport.Report?> CurrentReportAsync(ConcordDbContext db, Actor actor, View view, string? code, IReadAudit reads, CancellationToken ct)
    {
        var current = view.Operations.FirstOrDefault(o => o.Code == code)?.Code ?? view.Operations.FirstOrDefault()?.Code;
        return current is null || !actor.HasAnyRole(RoleTable.Reports) ? null : await OperationReport.BuildAsync(db, actor, current, reads, ct);
    }
}
