using System.Text.Json;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Operations;
using Concord.Core.Paper;
using Concord.Core.Features.Seizures;
using Concord.Core.Features.Sharing;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Reports;

/// <summary>Every figure of the operation's press report, computed from the records.</summary>
public static class OperationReport
{
    public sealed record Arrested(int Persons, [property: JsonPropertyName("roster_rows")] int RosterRows,
        [property: JsonPropertyName("duplicates_merged")] int DuplicatesMerged, [property: JsonPropertyName("by_nationality")] SortedDictionary<string, int> ByNationality);
    public sealed record KeyFigures(int Total, [property: JsonPropertyName("by_role")] SortedDictionary<string, int> ByRole);
    public sealed record Fugitives(int Confirmed, [property: JsonPropertyName("pending_review")] int PendingReview);
    public sealed record Seizures(int Items, int Units, [property: JsonPropertyName("by_type")] SortedDictionary<string, TypeCount> ByType);
    public sealed record TypeCount(int Items, int Units);
    public sealed record HandoverLine(string Id, string To, string Port, string Date, int Persons, int Items, int Units, string Status,
        [property: JsonPropertyName("persons_received")] int PersonsReceived, [property: JsonPropertyName("open_discrepancies")] int OpenDiscrepancies);
    /// <summary>On a node's copy of a partner's operation: the raiding agency's own count of everyone it arrested, by nationality.</summary>
    public sealed record ReportedCounts([property: JsonPropertyName("agency")] string Agency, [property: JsonPropertyName("arrested")] int Arrested,
        [property: JsonPropertyName("by_nationality")] SortedDictionary<string, int> ByNationality);
    public sealed record AssignmentFigures([property: JsonPropertyName("by_province")] SortedDictionary<string, int> ByProvince, int Unknown, int Total);
    public sealed record Report(string Operation, string Lead, string Agency, Arrested Arrested, [property: JsonPropertyName("key_figures")] KeyFigures KeyFigures,
        Fugitives Fugitives, Seizures Seizures, IReadOnlyList<HandoverLine> Handovers, AssignmentFigures Assignments,
        [property: JsonPropertyName("review_open")] int ReviewOpen)
    {
        /// <summary>The TLP 2.0 marking of the lead's handling code, which every copy of the report carries.</summary>
        [JsonPropertyName("tlp")]
        public string Tlp { get; init; } = "";

        /// <summary>
        /// On this node's copy of a partner agency's operation: that agency's count of everyone it arrested, of whom
        /// <see cref="Arrested"/> are the persons it shared with this node; none on the raiding node.
        /// </summary>
        [JsonPropertyName("reported_by")]
        public ReportedCounts? ReportedBy { get; init; }

        /// <summary>The lead's named targets across every operation on the lead: arrested, in review, still at large (<see cref="Leads.LeadViews.TargetOutcomesAsync"/>).</summary>
        [JsonPropertyName("lead_targets")]
        public LeadTargets? Targets { get; init; }
    }

    public sealed record LeadTargets(int Total, int Arrested, [property: JsonPropertyName("in_review")] int InReview, [property: JsonPropertyName("at_large")] int AtLarge,
        [property: JsonPropertyName("not_matched")] int NotMatched);

    /// <summary>The report, its reading audited as <c>report.read</c> in <paramref name="reads"/> before it is returned.</summary>
    public static async Task<Report> BuildAsync(ConcordDbContext db, Actor actor, string operationCode, IReadAudit reads, CancellationToken ct)
    {
        await Access.RequireRoleAsync(reads, actor, RoleTable.Reports, "operation report", ct);
        Operation operation;
        try
        {
            operation = await CreateOperation.FindAsync(db, actor, operationCode, ct);
        }
        catch (ConcordException e) when (e.Error is NotFoundError)
        {
            // Another agency's operation answers like one that does not exist, and the attempt is in the trail.
            if (await db.Operations.AnyAsync(o => o.Code == operationCode, ct))
                await reads.RecordAsync(actor, "access.denied", nameof(Operation), null, $"report of {operationCode}", ct);
            throw;
        }
        var agencies = await Agencies.CodesAsync(db, ct);
        var rows = await db.RosterRecords.AsNoTracking().Where(r => r.OperationId == operation.Id).Select(r => r.PersonId).ToListAsync(ct);
        // Only the columns the figures count: whole records of every arrestee cost more to read than the queries.
        var persons = await db.Persons.AsNoTracking().Where(p => p.OperationId == operation.Id).Select(p => new { p.Id, p.Nationality }).ToListAsync(ct);
        var byNationality = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var g in persons.GroupBy(p => p.Nationality ?? "UNKNOWN"))
            byNationality[g.Key] = g.Count();

        var links = await db.PersonLinks.AsNoTracking()
            .Where(l => l.AgencyId == operation.AgencyId && db.Persons.Any(p => p.Id == l.PersonId && p.OperationId == operation.Id))
            .Select(l => new { l.PersonId, l.Kind, l.CandidateId }).ToListAsync(ct);
        var targets = await db.Targets.AsNoTracking().Where(t => t.LeadId == operation.LeadId).ToDictionaryAsync(t => t.Id, t => t.Role, ct);
        var keyRoles = links.Where(l => l.Kind == LinkKind.Target && targets.TryGetValue(l.CandidateId, out var r) && r != TargetRole.Member)
            .GroupBy(l => l.PersonId).Select(g => g.Max(l => targets[l.CandidateId])).ToList();
        var byRole = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["financier"] = 0, ["leader"] = 0, ["backbone"] = 0 };
        foreach (var role in keyRoles) byRole[role.ToString().ToLowerInvariant()]++;

        var fugitives = links.Where(l => l.Kind == LinkKind.Wanted).Select(l => l.PersonId).ToHashSet();
        var pending = await db.ReviewItems.AsNoTracking().Where(i => i.OperationId == operation.Id && i.Status == ReviewStatus.Open)
            .Select(i => new { i.PersonId, i.CandidateList }).ToListAsync(ct);
        var pendingFugitives = pending.Where(i => i.CandidateList == "wanted" && !fugitives.Contains(i.PersonId)).Select(i => i.PersonId).Distinct().Count();

        var seizures = await db.Seizures.AsNoTracking().Where(s => s.OperationId == operation.Id).Select(s => new { s.Type, s.Quantity }).ToListAsync(ct);
        var byType = new SortedDictionary<string, TypeCount>(StringComparer.Ordinal);
        foreach (var g in seizures.GroupBy(s => s.Type)) byType[ImportSeizures.TypeName(g.Key)] = new TypeCount(g.Count(), g.Sum(s => s.Quantity));

        var handovers = new List<HandoverLine>();
        foreach (var h in await db.Handovers.AsNoTracking().Include(x => x.Persons).Include(x => x.Items).Where(x => x.OperationId == operation.Id).OrderBy(x => x.Date).ThenBy(x => x.CreatedAt).ToListAsync(ct))
        {
            var s = await Handover.Handovers.SummarizeAsync(db, h, ct);
            handovers.Add(new HandoverLine(h.Id.ToString(), s.To, s.Port, s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Persons, s.Items, s.Units, s.State, s.PersonsReceived, s.OpenDiscrepancies));
        }
        var handoverIds = handovers.Select(h => Guid.Parse(h.Id)).ToList();
        var assignments = await db.Assignments.AsNoTracking().Where(a => handoverIds.Contains(a.HandoverId)).Select(a => new { a.ProvinceCode }).ToListAsync(ct);
        var byProvince = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var g in assignments.Where(a => a.ProvinceCode is not null).GroupBy(a => ChineseResidentId.ProvinceName(a.ProvinceCode!) ?? a.ProvinceCode!))
            byProvince[g.Key] = g.Count();

        var lead = await db.Leads.AsNoTracking().Include(l => l.Targets).FirstAsync(l => l.Id == operation.LeadId, ct);
        var outcomes = (await Leads.LeadViews.TargetOutcomesAsync(db, lead, ct)).Values.GroupBy(o => o.State).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        await reads.RecordAsync(actor, "report.read", nameof(Operation), operation.Id, ct: ct);
        var reported = operation.ReportedCounts is { } counts ? JsonSerializer.Deserialize<ReportedCounts>(counts) : null;
        return new Report(operation.Code, operation.Lead!.Code, reported?.Agency ?? agencies[operation.AgencyId],
            new Arrested(persons.Count, rows.Count, rows.Count - persons.Count, byNationality),
            new KeyFigures(keyRoles.Count, byRole),
            new Fugitives(fugitives.Count, pendingFugitives),
            new Seizures(seizures.Count, seizures.Sum(s => s.Quantity), byType),
            handovers,
            new AssignmentFigures(byProvince, assignments.Count(a => a.ProvinceCode is null), assignments.Count),
            await db.ReviewTasks.AsNoTracking().CountAsync(t => t.OperationId == operation.Id && t.Status == ReviewTaskStatus.Open, ct))
        {
            Tlp = SharingModel.LabelOf(operation.Handling),
            ReportedBy = reported,
            Targets = new LeadTargets(lead.Targets.Count, outcomes.GetValueOrDefault("arrested"), outcomes.GetValueOrDefault("in_review"),
                outcomes.GetValueOrDefault("at_large"), outcomes.GetValueOrDefault("not_matched")),
        };
    }

    private static readonly Dictionary<string, string> RoleMy = new(StringComparer.Ordinal) { ["financier"] = "ငွေကြေးထောက်ပံ့သူ", ["leader"] = "ခေါင်းဆောင်", ["backbone"] = "အဓိကအဖွဲ့ဝင်" };
    private static readonly Dictionary<string, string> StateMy = new(StringComparer.Ordinal)
    {
        ["draft"] = "မူကြမ်း",
        ["dispatched"] = "ပေးပို့ပြီး",
        ["received"] = "လက်ခံပြီး",
        ["closed"] = "ပိတ်ပြီး",
    };
    private static readonly Dictionary<string, string> TypeMy = new(StringComparer.Ordinal)
    {
        ["computer"] = "ကွန်ပျူတာ",
        ["phone"] = "ဖုန်း",
        ["sim_card"] = "ဆင်းကတ်",
        ["script"] = "လိမ်လည်ရေး စာတမ်း",
        ["bank_card"] = "ဘဏ်ကတ်",
        ["cash"] = "ငွေသား",
        ["document"] = "စာရွက်စာတမ်း",
        ["other"] = "အခြား",
    };
    private static readonly Dictionary<string, string> RoleZh = new(StringComparer.Ordinal) { ["financier"] = "金主", ["leader"] = "组织头目", ["backbone"] = "骨干" };
    private static readonly Dictionary<string, string> StateZh = new(StringComparer.Ordinal)
    {
        ["draft"] = "草稿",
        ["dispatched"] = "已发出",
        ["received"] = "已接收",
        ["closed"] = "已关闭",
    };
    private static readonly Dictionary<string, string> TypeZh = new(StringComparer.Ordinal)
    {
        ["computer"] = "电脑",
        ["phone"] = "手机",
        ["sim_card"] = "电话卡",
        ["script"] = "诈骗话术脚本",
        ["bank_card"] = "银行卡",
        ["cash"] = "现金",
        ["document"] = "证件文件",
        ["other"] = "其他",
    };

    /// <summary>The report as a press office reads it, in English, Chinese (zh) or Burmese (my).</summary>
    public static string ToText(Report r, string lang)
    {
        var zh = string.Equals(lang, "zh", StringComparison.OrdinalIgnoreCase);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        if (r.Tlp.Length > 0) sb.AppendLine(r.Tlp);
        if (string.Equals(lang, "my", StringComparison.OrdinalIgnoreCase))
        {
            sb.AppendLine(inv, $"ပူးပေါင်းစစ်ဆင်ရေး {r.Operation} (သတင်းအချက်အလက် {r.Lead}၊ ဆောင်ရွက်သူ {r.Agency})");
            sb.AppendLine($"ဖမ်းဆီးရမိသူ {r.Arrested.Persons} ဦး (စာရင်းအတန်း {r.Arrested.RosterRows} ခု၊ ထပ်နေသည်များ ပေါင်းစည်း {r.Arrested.DuplicatesMerged} ခု)၊ ယင်းတို့အနက် " +
                string.Join("၊ ", r.Arrested.ByNationality.Select(kv => $"{NationalityLabel(kv.Key, "my")} {kv.Value} ဦး")) + "။");
            if (r.ReportedBy is { } rb)
                sb.AppendLine($"{rb.Agency} ၏ စာရင်းအရ ဖမ်းဆီးရမိသူ {rb.Arrested} ဦး၊ ယင်းတို့အနက် " +
                    string.Join("၊ ", rb.ByNationality.Select(kv => $"{NationalityLabel(kv.Key, "my")} {kv.Value} ဦး")) + $"; ဤ node သို့ မျှဝေထားသူ {r.Arrested.Persons} ဦး။");
            sb.AppendLine($"အဓိကပုဂ္ဂိုလ် {r.KeyFigures.Total} ဦး: " + string.Join("၊ ", r.KeyFigures.ByRole.Select(kv => $"{RoleMy[kv.Key]} {kv.Value} ဦး")) + "။");
            sb.AppendLine(inv, $"ဝရမ်းပြေး {r.Fugitives.Confirmed} ဦး (စိစစ်ရန် ကျန် {r.Fugitives.PendingReview} ဦး)။");
            if (r.Targets is { } t) sb.AppendLine(inv, $"သတင်းအချက်အလက်ပါ ပစ်မှတ် {t.Total} ဦး: ဖမ်းဆီးရမိ {t.Arrested} ဦး၊ စိစစ်ဆဲ {t.InReview} ဦး၊ ဆက်လက် လွတ်မြောက်နေဆဲ {t.AtLarge} ဦး။");
            sb.AppendLine($"သိမ်းဆည်းပစ္စည်း {r.Seizures.Items} မျိုး၊ စုစုပေါင်း {r.Seizures.Units} ခု: " + string.Join("၊ ", r.Seizures.ByType.Select(kv => $"{TypeMy.GetValueOrDefault(kv.Key, kv.Key)} {kv.Value.Units} ခု")) + "။");
            foreach (var h in r.Handovers)
                sb.AppendLine(inv, $"{h.Date} တွင် {h.Port} နယ်စပ်ဂိတ်၌ {h.To} သို့ လူ {h.Persons} ဦး၊ ပစ္စည်း {h.Items} မျိုး ({h.Units} ခု) လွှဲပြောင်း (အခြေအနေ: {StateMy.GetValueOrDefault(h.Status, h.Status)}၊ လက်ခံပြီး {h.PersonsReceived} ဦး)။");
            if (r.Assignments.Total > 0)
                sb.AppendLine("ပြည်နယ်အလိုက် ခွဲဝေ: " + string.Join("၊ ", r.Assignments.ByProvince.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                    .Select(kv => $"{ChineseResidentId.ProvinceLabel(kv.Key, "my")} {kv.Value} ဦး")) + $"; ပြည်နယ် မသိ {r.Assignments.Unknown} ဦး။");
            if (r.ReviewOpen > 0) sb.AppendLine(inv, $"စိစစ်ရန် ကျန်ရှိ {r.ReviewOpen} ခု။");
        }
        else if (zh)
        {
            sb.AppendLine(inv, $"联合打击行动 {r.Operation}（线索 {r.Lead}，执行单位 {r.Agency}）");
            sb.AppendLine($"抓获 {r.Arrested.Persons} 人（名单 {r.Arrested.RosterRows} 条，合并重复 {r.Arrested.DuplicatesMerged} 条），其中 " +
                string.Join("、", r.Arrested.ByNationality.Select(kv => $"{NationalityLabel(kv.Key, "zh")} {kv.Value} 人")) + "。");
            if (r.ReportedBy is { } rb)
                sb.AppendLine($"据 {rb.Agency} 统计：抓获 {rb.Arrested} 人，其中 " +
                    string.Join("、", rb.ByNationality.Select(kv => $"{NationalityLabel(kv.Key, "zh")} {kv.Value} 人")) + $"；共享给本节点 {r.Arrested.Persons} 人。");
            sb.AppendLine($"抓获重要人员 {r.KeyFigures.Total} 名：" + string.Join("、", r.KeyFigures.ByRole.Select(kv => $"{RoleZh[kv.Key]} {kv.Value} 名")) + "。");
            sb.AppendLine(inv, $"网上在逃人员 {r.Fugitives.Confirmed} 名（待核查 {r.Fugitives.PendingReview} 名）。");
            if (r.Targets is { } t) sb.AppendLine(inv, $"线索目标 {t.Total} 人：已抓获 {t.Arrested} 人，核查中 {t.InReview} 人，仍在逃 {t.AtLarge} 人。");
            sb.AppendLine($"缴获物品 {r.Seizures.Items} 项，共 {r.Seizures.Units} 件：" + string.Join("、", r.Seizures.ByType.Select(kv => $"{TypeZh.GetValueOrDefault(kv.Key, kv.Key)} {kv.Value.Units} 件")) + "。");
            foreach (var h in r.Handovers)
                sb.AppendLine(inv, $"{h.Date} 在 {h.Port} 口岸向 {h.To} 移交 {h.Persons} 人、物品 {h.Items} 项 {h.Units} 件（状态：{StateZh.GetValueOrDefault(h.Status, h.Status)}，已接收 {h.PersonsReceived} 人）。");
            if (r.Assignments.Total > 0)
                sb.AppendLine($"分流押解：" + string.Join("、", r.Assignments.ByProvince.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                    .Select(kv => $"{ChineseResidentId.ProvinceLabel(kv.Key, "zh")} {kv.Value} 人")) + $"；户籍不明 {r.Assignments.Unknown} 人。");
            if (r.ReviewOpen > 0) sb.AppendLine(inv, $"待核查任务 {r.ReviewOpen} 项。");
        }
        else
        {
            sb.AppendLine(inv, $"Joint operation {r.Operation} (lead {r.Lead}, carried out by {r.Agency})");
            sb.AppendLine($"Arrested: {r.Arrested.Persons} persons ({r.Arrested.RosterRows} roster rows, {r.Arrested.DuplicatesMerged} duplicates merged): " +
                string.Join(", ", r.Arrested.ByNationality.Select(kv => $"{kv.Value} {NationalityLabel(kv.Key, "en")}")) + ".");
            if (r.ReportedBy is { } rb)
                sb.AppendLine($"As {rb.Agency} counted: {rb.Arrested} arrested: " + string.Join(", ", rb.ByNationality.Select(kv => $"{kv.Value} {NationalityLabel(kv.Key, "en")}"))
                    + $"; {r.Arrested.Persons} of them shared with this node.");
            sb.AppendLine($"Key figures: {r.KeyFigures.Total} (" + string.Join(", ", r.KeyFigures.ByRole.Select(kv => $"{kv.Value} {kv.Key}")) + ").");
            sb.AppendLine(inv, $"Fugitives on the wanted list: {r.Fugitives.Confirmed} confirmed, {r.Fugitives.PendingReview} pending review.");
            if (r.Targets is { } t) sb.AppendLine(inv, $"Lead targets: {t.Total}: {t.Arrested} arrested, {t.InReview} in review, {t.AtLarge} still at large.");
            sb.AppendLine($"Seized: {r.Seizures.Items} items, {r.Seizures.Units} units (" + string.Join(", ", r.Seizures.ByType.Select(kv => $"{kv.Value.Units} {kv.Key}")) + ").");
            foreach (var h in r.Handovers)
                sb.AppendLine(inv, $"Handover to {h.To} at {h.Port} on {h.Date}: {h.Persons} persons, {h.Items} items ({h.Units} units), {h.Status}, {h.PersonsReceived} persons received.");
            if (r.Assignments.Total > 0)
                sb.AppendLine($"Assigned to provinces: " + string.Join(", ", r.Assignments.ByProvince.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                    .Select(kv => $"{kv.Key} {kv.Value}")) + $"; province unknown {r.Assignments.Unknown}.");
            if (r.ReviewOpen > 0) sb.AppendLine(inv, $"Open review tasks: {r.ReviewOpen}.");
        }
        return sb.ToString();
    }

    /// <summary>The English labels of the report's workbook, which the text tables translate.</summary>
    public static readonly IReadOnlyList<string> WorkbookLabels =
    [
        "Operation report", "Figure", "Value", "Operation", "Lead", "Agency", "Persons arrested", "Roster rows", "Duplicates merged", "Key figures",
        "Fugitives on the wanted list", "Fugitives pending review", "Lead targets", "Lead targets arrested", "Lead targets in review",
        "Lead targets still at large", "Lead targets not matched", "Seized items", "Seized units", "Open reviews", "By nationality", "Nationality", "Persons",
        "Key figures by role", "Role", "Financier", "Leader", "Backbone", "Seized", "Type", "Items", "Units", "Handovers", "To", "Border port", "Date", "State",
        "Received", "Open discrepancies", "Provinces", "Province", "Province unknown", "Total", "Unknown",
    ];

    /// <summary>
    /// The report as an Excel workbook: the figures, then one sheet per table (nationalities, roles, seizures, handovers,
    /// provinces), typed columns, labels and names in <paramref name="language"/> (en, zh, my) through
    /// <paramref name="translate"/> (English text, language).
    /// </summary>
    public static byte[] Workbook(Report r, string language, Func<string, string, string> translate)
    {
        string L(string english) => translate(english, language);
        List<IReadOnlyList<object?>> figures =
        [
            [L("Operation"), r.Operation], [L("Lead"), r.Lead], [L("Agency"), r.Agency], [L("Persons arrested"), r.Arrested.Persons],
            [L("Roster rows"), r.Arrested.RosterRows], [L("Duplicates merged"), r.Arrested.DuplicatesMerged], [L("Key figures"), r.KeyFigures.Total],
            [L("Fugitives on the wanted list"), r.Fugitives.Confirmed], [L("Fugitives pending review"), r.Fugitives.PendingReview],
        ];
        if (r.Targets is { } t)
        {
            figures.AddRange([[L("Lead targets"), t.Total], [L("Lead targets arrested"), t.Arrested], [L("Lead targets in review"), t.InReview],
                [L("Lead targets still at large"), t.AtLarge], [L("Lead targets not matched"), t.NotMatched]]);
        }
        figures.AddRange([[L("Seized items"), r.Seizures.Items], [L("Seized units"), r.Seizures.Units], [L("Open reviews"), r.ReviewOpen]]);
        string Role(string role) => role switch { "financier" => L("Financier"), "leader" => L("Leader"), "backbone" => L("Backbone"), _ => role };
        string Nationality(string code) => code == "UNKNOWN" ? L("Unknown") : Countries.Name(code, language);
        return Spreadsheet.Write(
        [
            new Sheet(L("Operation report"), [L("Figure"), L("Value")], figures),
            new Sheet(L("By nationality"), [L("Nationality"), "ISO 3166", L("Persons")],
                [.. r.Arrested.ByNationality.Select(kv => (IReadOnlyList<object?>)[Nationality(kv.Key), kv.Key, kv.Value])]),
            new Sheet(L("Key figures by role"), [L("Role"), L("Persons")], [.. r.KeyFigures.ByRole.Select(kv => (IReadOnlyList<object?>)[Role(kv.Key), kv.Value])]),
            new Sheet(L("Seized"), [L("Type"), L("Items"), L("Units")],
                [.. r.Seizures.ByType.Select(kv => (IReadOnlyList<object?>)[L(Handover.HandoverPaper.TypeLabel(kv.Key)), kv.Value.Items, kv.Value.Units])]),
            new Sheet(L("Handovers"), [L("Date"), L("Border port"), L("To"), L("State"), L("Persons"), L("Received"), L("Items"), L("Units"), L("Open discrepancies")],
                [.. r.Handovers.Select(h => (IReadOnlyList<object?>)[DateOnly.ParseExact(h.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), h.Port, h.To,
                    L(Handover.HandoverPaper.StatusLabel(h.Status)), h.Persons, h.PersonsReceived, h.Items, h.Units, h.OpenDiscrepancies])]),
            new Sheet(L("Provinces"), [L("Province"), L("Persons")],
                [.. r.Assignments.ByProvince.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                    .Select(kv => (IReadOnlyList<object?>)[ChineseResidentId.ProvinceLabel(kv.Key, language), kv.Value]),
                    [L("Province unknown"), r.Assignments.Unknown], [L("Total"), r.Assignments.Total]]),
        ]);
    }

    /// <summary>A nationality as the report's sentence names it: 缅甸籍, မြန်မာနိုင်ငံသား, Myanmar (MMR); unknown said so.</summary>
    internal static string NationalityLabel(string code, string language) => (code, language) switch
    {
        ("UNKNOWN", "zh") => "国籍不明",
        ("UNKNOWN", "my") => "နိုင်ငံသား မသိ",
        ("UNKNOWN", _) => "nationality unknown",
        (_, "zh") => Countries.Name(code, "zh") + "籍",
        (_, "my") => Countries.Name(code, "my") + "နိုင်ငံသား",
        _ => $"{Countries.Name(code, "en")} ({code})",
    };
}
