using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Operations;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Reports;

/// <summary>
/// The figures of every operation a caller sees, over the years ("48,000 suspects handed over since 2023"): arrests,
/// handovers by year and by port, assignments by province, the share of fugitives and key figures among those handed
/// over. Each figure is a grouped count in the database; no person is read into memory, so the report costs the same
/// for one operation or sixty.
/// </summary>
public static class CumulativeReport
{
    public sealed record YearLine(int Year, int Operations, int Arrested, [property: JsonPropertyName("handed_over")] int HandedOver, int Fugitives,
        [property: JsonPropertyName("key_figures")] int KeyFigures);

    public sealed record Count(string Key, int Persons);

    public sealed record Report(int Operations, int Arrested, [property: JsonPropertyName("handed_over")] int HandedOver, int Handovers, int Fugitives,
        [property: JsonPropertyName("key_figures")] int KeyFigures, [property: JsonPropertyName("fugitive_share")] double FugitiveShare,
        [property: JsonPropertyName("first_handover")] DateOnly? FirstHandover, [property: JsonPropertyName("last_handover")] DateOnly? LastHandover,
        [property: JsonPropertyName("by_year")] IReadOnlyList<YearLine> ByYear, [property: JsonPropertyName("by_port")] IReadOnlyList<Count> ByPort,
        [property: JsonPropertyName("by_province")] IReadOnlyList<Count> ByProvince, [property: JsonPropertyName("province_unknown")] int ProvinceUnknown,
        [property: JsonPropertyName("by_date")] IReadOnlyList<Count> ByDate);

    /// <summary>The report over the operations the actor sees, its reading audited as <c>report.cumulative.read</c>.</summary>
    public static async Task<Report> BuildAsync(ConcordDbContext db, Actor actor, IReadAudit reads, CancellationToken ct)
    {
        await Access.RequireRoleAsync(reads, actor, RoleTable.Reports, "cumulative report", ct);
        return await FiguresAsync(db, actor, reads, ct);
    }

    /// <summary>The same figures for a page every signed-in user lands on (<see cref="Dashboard"/>), whatever their roles.</summary>
    internal static async Task<Report> FiguresAsync(ConcordDbContext db, Actor actor, IReadAudit reads, CancellationToken ct)
    {
        var operations = await OperationViews.VisibleAsync(db, actor, ct);
        var ids = operations.Select(o => o.Id).ToList();
        // An operation counts in the year of its first arrest (the raid), else of its opening in Concord.
        var raids = await db.RosterRecords.AsNoTracking().Where(r => ids.Contains(r.OperationId) && r.ArrestedAt != null)
            .GroupBy(r => r.OperationId).Select(g => new { g.Key, First = g.Min(r => r.ArrestedAt) }).ToDictionaryAsync(x => x.Key, x => x.First, ct);
        var yearOf = operations.ToDictionary(o => o.Id, o => (raids.GetValueOrDefault(o.Id) ?? o.CreatedAt).Year);

        var arrested = await db.Persons.AsNoTracking().Where(p => p.OperationId != null && ids.Contains(p.OperationId.Value))
            .GroupBy(p => p.OperationId).Select(g => new { Operation = g.Key!.Value, Count = g.Count() }).ToListAsync(ct);

        // Persons received at the port, grouped by the handover's date and port; the same for those among them
        // linked to a wanted record, and to a lead's key figure (financier, leader, backbone).
        var received = from hp in db.HandoverPersons
                       join h in db.Handovers on hp.HandoverId equals h.Id
                       where ids.Contains(h.OperationId) && hp.Status == HandoverPersonStatus.Received
                       select new { hp.PersonId, h.Date, h.Port };
        var all = await received.GroupBy(x => new { x.Date, x.Port }).Select(g => new { g.Key.Date, g.Key.Port, Count = g.Count() }).ToListAsync(ct);
        var fugitives = await received.Where(x => db.PersonLinks.Any(l => l.PersonId == x.PersonId && l.Kind == LinkKind.Wanted))
            .GroupBy(x => x.Date.Year).Select(g => new { Year = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Year, x => x.Count, ct);
        var keyFigures = await received.Where(x => db.PersonLinks.Any(l => l.PersonId == x.PersonId && l.Kind == LinkKind.Target
                && db.Targets.Any(t => t.Id == l.CandidateId && t.Role != TargetRole.Member)))
            .GroupBy(x => x.Date.Year).Select(g => new { Year = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Year, x => x.Count, ct);
        var handovers = await db.Handovers.AsNoTracking().CountAsync(h => ids.Contains(h.OperationId) && h.ReceivedAt != null, ct);

        var provinces = await (from a in db.Assignments
                               join h in db.Handovers on a.HandoverId equals h.Id
                               where ids.Contains(h.OperationId)
                               group a by a.ProvinceCode into g
                               select new { Province = g.Key, Count = g.Count() }).ToListAsync(ct);

        var arrestedByYear = arrested.GroupBy(a => yearOf[a.Operation]).ToDictionary(g => g.Key, g => g.Sum(a => a.Count));
        var operationsByYear = operations.GroupBy(o => yearOf[o.Id]).ToDictionary(g => g.Key, g => g.Count());
        var handedByYear = all.GroupBy(x => x.Date.Year).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var years = arrestedByYear.Keys.Concat(operationsByYear.Keys).Concat(handedByYear.Keys).Distinct().Order()
            .Select(y => new YearLine(y, operationsByYear.GetValueOrDefault(y), arrestedByYear.GetValueOrDefault(y), handedByYear.GetValueOrDefault(y),
                fugitives.GetValueOrDefault(y), keyFigures.GetValueOrDefault(y)))
            .ToList();
        var handedOver = all.Sum(x => x.Count);
        var fugitiveTotal = fugitives.Values.Sum();

        await reads.RecordAsync(actor, "report.cumulative.read", details: string.Create(CultureInfo.InvariantCulture, $"operations={operations.Count}"), ct: ct);
        return new Report(operations.Count, arrested.Sum(a => a.Count), handedOver, handovers, fugitiveTotal, keyFigures.Values.Sum(),
            handedOver == 0 ? 0 : Math.Round((double)fugitiveTotal / handedOver, 4),
            all.Count == 0 ? null : all.Min(x => x.Date), all.Count == 0 ? null : all.Max(x => x.Date),
            years,
            Ranked(all.GroupBy(x => x.Port).Select(g => new Count(g.Key, g.Sum(x => x.Count)))),
            Ranked(provinces.Where(p => p.Province is not null).GroupBy(p => ChineseResidentId.ProvinceName(p.Province!) ?? p.Province!).Select(g => new Count(g.Key, g.Sum(p => p.Count)))),
            provinces.Where(p => p.Province is null).Sum(p => p.Count),
            all.GroupBy(x => x.Date).OrderBy(g => g.Key).Select(g => new Count(g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), g.Sum(x => x.Count))).ToList());
    }

    private static List<Count> Ranked(IEnumerable<Count> counts) => counts.OrderByDescending(c => c.Persons).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();

    public static string ToText(Report r, string lang)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var span = r.FirstHandover is { } first && r.LastHandover is { } last ? (first.ToString("yyyy-MM-dd", inv), last.ToString("yyyy-MM-dd", inv)) : ("—", "—");
        if (string.Equals(lang, "my", StringComparison.OrdinalIgnoreCase))
        {
            sb.AppendLine(inv, $"ပူးပေါင်းစစ်ဆင်ရေး {r.Operations} ကြိမ်၊ ဖမ်းဆီးရမိသူ {r.Arrested:N0} ဦး; {span.Item1} မှ {span.Item2} အထိ {r.Handovers} ကြိမ်ဖြင့် {r.HandedOver:N0} ဦး လွှဲပြောင်း၊");
            sb.AppendLine(inv, $"ယင်းတို့အနက် ဝရမ်းပြေး {r.Fugitives:N0} ဦး ({r.FugitiveShare:P1})၊ အဓိကပုဂ္ဂိုလ် {r.KeyFigures:N0} ဦး။");
            foreach (var y in r.ByYear)
                sb.AppendLine(inv, $"{y.Year} ခုနှစ်: စစ်ဆင်ရေး {y.Operations} ကြိမ်၊ ဖမ်းဆီး {y.Arrested:N0} ဦး၊ လွှဲပြောင်း {y.HandedOver:N0} ဦး (ဝရမ်းပြေး {y.Fugitives:N0}၊ အဓိကပုဂ္ဂိုလ် {y.KeyFigures:N0})။");
            if (r.ByPort.Count > 0) sb.AppendLine("နယ်စပ်ဂိတ်အလိုက်: " + string.Join("၊ ", r.ByPort.Select(p => string.Create(inv, $"{p.Key} {p.Persons:N0} ဦး"))) + "။");
            if (r.ByProvince.Count > 0 || r.ProvinceUnknown > 0)
                sb.AppendLine("ပြည်နယ်အလိုက် ခွဲဝေ: " + string.Join("၊ ", r.ByProvince.Select(p => string.Create(inv, $"{ChineseResidentId.ProvinceLabel(p.Key, "my")} {p.Persons:N0} ဦး"))) + string.Create(inv, $"; ပြည်နယ် မသိ {r.ProvinceUnknown:N0} ဦး။"));
        }
        else if (string.Equals(lang, "zh", StringComparison.OrdinalIgnoreCase))
        {
            sb.AppendLine(inv, $"联合打击行动 {r.Operations} 次，抓获 {r.Arrested:N0} 人；{span.Item1} 至 {span.Item2} 共移交 {r.HandedOver:N0} 人（{r.Handovers} 批次），");
            sb.AppendLine(inv, $"其中网上在逃人员 {r.Fugitives:N0} 名（占 {r.FugitiveShare:P1}），重要人员 {r.KeyFigures:N0} 名。");
            foreach (var y in r.ByYear)
                sb.AppendLine(inv, $"{y.Year} 年：行动 {y.Operations} 次，抓获 {y.Arrested:N0} 人，移交 {y.HandedOver:N0} 人（在逃 {y.Fugitives:N0}，重要人员 {y.KeyFigures:N0}）。");
            if (r.ByPort.Count > 0) sb.AppendLine("移交口岸：" + string.Join("、", r.ByPort.Select(p => $"{p.Key} {p.Persons:N0} 人")) + "。");
            if (r.ByProvince.Count > 0 || r.ProvinceUnknown > 0)
                sb.AppendLine("分流押解：" + string.Join("、", r.ByProvince.Select(p => $"{ChineseResidentId.ProvinceLabel(p.Key, "zh")} {p.Persons:N0} 人")) + $"；户籍不明 {r.ProvinceUnknown:N0} 人。");
        }
        else
        {
            sb.AppendLine(inv, $"{r.Operations} joint operations, {r.Arrested:N0} arrested; {r.HandedOver:N0} handed over in {r.Handovers} handovers from {span.Item1} to {span.Item2},");
            sb.AppendLine(inv, $"of whom {r.Fugitives:N0} fugitives on the wanted lists ({r.FugitiveShare:P1}) and {r.KeyFigures:N0} key figures.");
            foreach (var y in r.ByYear)
                sb.AppendLine(inv, $"{y.Year}: {y.Operations} operations, {y.Arrested:N0} arrested, {y.HandedOver:N0} handed over ({y.Fugitives:N0} fugitives, {y.KeyFigures:N0} key figures).");
            if (r.ByPort.Count > 0) sb.AppendLine("By border port: " + string.Join(", ", r.ByPort.Select(p => string.Create(inv, $"{p.Key} {p.Persons:N0}"))) + ".");
            if (r.ByProvince.Count > 0 || r.ProvinceUnknown > 0)
                sb.AppendLine("Assigned to provinces: " + string.Join(", ", r.ByProvince.Select(p => string.Create(inv, $"{p.Key} {p.Persons:N0}"))) + string.Create(inv, $"; province unknown {r.ProvinceUnknown:N0}."));
        }
        return sb.ToString();
    }
}
