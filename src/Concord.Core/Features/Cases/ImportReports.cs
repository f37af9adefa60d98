using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Imports;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Cases;

/// <summary>
/// Importing victims' reports (CSV or XLSX, headers in English or Chinese) into the caller's agency: every identifier
/// normalised and checked, every amount with its currency, the victim sealed and pseudonymised. All or nothing: one bad
/// cell refuses the file, naming its row and column; the same file again changes nothing; a case number already
/// imported with other details is refused, never rewritten.
/// </summary>
public static class ImportReports
{
    /// <summary>The identifier columns, each with the kind it holds.</summary>
    public static readonly (string Column, IdentifierKind Kind)[] IdentifierColumns =
    [
        ("phone", IdentifierKind.Phone), ("wechat", IdentifierKind.WeChat), ("qq", IdentifierKind.QQ), ("telegram", IdentifierKind.Telegram),
        ("whatsapp", IdentifierKind.WhatsApp), ("line", IdentifierKind.Line), ("bank_card", IdentifierKind.BankCard),
        ("bank_account", IdentifierKind.BankAccount), ("tron", IdentifierKind.Tron), ("ethereum", IdentifierKind.Ethereum), ("url", IdentifierKind.Url),
    ];

    public static readonly CsvColumn[] Columns =
    [
        new("case_no", "案件编号", true, "အမှုအမှတ်"), new("bureau", "报案单位", Burmese: "တိုင်ကြားသည့်ဌာန"), new("province", "省份", Burmese: "ပြည်နယ်"),
        new("reported_at", "报案时间", Burmese: "တိုင်ကြားသည့်အချိန်"), new("victim_name", "受害人", Burmese: "ထိခိုက်သူ"), new("victim_id", "受害人证件号码", Burmese: "ထိခိုက်သူ၏ မှတ်ပုံတင်အမှတ်"),
        new("narrative", "简要案情", Burmese: "ဖြစ်စဉ်"), new("fraud_type", "诈骗类型", Burmese: "လိမ်လည်မှုအမျိုးအစား"), new("amount", "损失金额", Burmese: "ဆုံးရှုံးငွေ"),
        new("currency", "币种", Burmese: "ငွေကြေး"),
        new("phone", "涉案电话", Burmese: "ဖုန်းနံပါတ်"), new("wechat", "微信"), new("qq", "QQ"), new("telegram", "Telegram"), new("whatsapp", "WhatsApp"), new("line", "LINE"),
        new("bank_card", "银行卡号", Burmese: "ဘဏ်ကတ်"), new("bank_account", "银行账户", Burmese: "ဘဏ်အကောင့်"), new("tron", "波场地址"), new("ethereum", "以太坊地址"),
        new("url", "网址", Burmese: "ဝက်ဘ်လိပ်စာ"),
    ];

    /// <summary>
    /// One report as the API and the web form give it, cell by cell as a file would; <see cref="Problems"/> are those
    /// found before the cells were filled (an identifier of no known kind), refused with the cells' own.
    /// </summary>
    public sealed record ReportInput(IReadOnlyDictionary<string, string?> Cells, IReadOnlyList<InputProblem>? Problems = null);

    /// <summary>A loss as the API takes it: the amount and, unless the agency's own currency is meant, its currency.</summary>
    public sealed record LossForm(decimal? Amount, string? Currency);

    /// <summary>An identifier as the API takes it: its kind (an identifier column's name: phone, wechat, bank_card…) and the value as written.</summary>
    public sealed record IdentifierForm(string? Kind, string? Written);

    /// <summary>One report as a JSON body: the file's columns as fields, its losses and identifiers as lists.</summary>
    public sealed record ReportForm(string? CaseNo, string? Bureau, string? Province, string? ReportedAt, string? VictimName, string? VictimId, string? Narrative,
        string? FraudType, IReadOnlyList<LossForm>? Losses, IReadOnlyList<IdentifierForm>? Identifiers)
    {
        /// <summary>The cells a file's row would hold: several losses or identifiers of one kind in one cell, as a file writes them.</summary>
        public ReportInput ToInput()
        {
            var problems = new List<InputProblem>();
            var cells = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["case_no"] = CaseNo,
                ["bureau"] = Bureau,
                ["province"] = Province,
                ["reported_at"] = ReportedAt,
                ["victim_name"] = VictimName,
                ["victim_id"] = VictimId,
                ["narrative"] = Narrative,
                ["fraud_type"] = FraudType,
            };
            var amounts = new List<string>();
            foreach (var loss in Losses ?? [])
            {
                if (loss.Amount is not { } amount) { problems.Add(new(Form, null, "amount", new Phrase(ProblemTexts.ValueRequired))); continue; }
                var written = amount.ToString(CultureInfo.InvariantCulture);
                if (string.IsNullOrWhiteSpace(loss.Currency)) amounts.Add(written);
                else if (CaseFields.Currency(loss.Currency) is { } currency) amounts.Add(written + " " + currency);
                else problems.Add(new(Form, null, "currency", new Phrase(ProblemTexts.NotACurrency, loss.Currency)));
            }
            cells["amount"] = amounts.Count == 0 ? null : string.Join(";", amounts);
            foreach (var identifier in Identifiers ?? [])
            {
                var column = IdentifierColumns.FirstOrDefault(c => string.Equals(c.Column, identifier.Kind?.Trim(), StringComparison.OrdinalIgnoreCase)).Column;
                if (column is null) { problems.Add(new(Form, null, "identifiers", new Phrase(ProblemTexts.NotAnIdentifierKind, identifier.Kind ?? ""))); continue; }
                if (string.IsNullOrWhiteSpace(identifier.Written)) { problems.Add(new(Form, null, column, new Phrase(ProblemTexts.ValueRequired))); continue; }
                cells[column] = cells.GetValueOrDefault(column) is { } before ? before + ";" + identifier.Written : identifier.Written;
            }
            return new ReportInput(cells, problems);
        }
    }

    /// <summary>What problems of one report sent alone name as their file.</summary>
    private const string Form = "report";

    public static async Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, string path, string? agencyCode, CancellationToken ct)
    {
        var agency = await AgencyAsync(db, actor, agencyCode, ct);
        return await RunAsync(db, actor, CsvTable.Read(path, Columns), agency, ct);
    }

    /// <summary>The agency the reports go into: the caller's own; the node's operator names one.</summary>
    public static async Task<Agency> AgencyAsync(ConcordDbContext db, Actor actor, string? agencyCode, CancellationToken ct)
    {
        if (actor.AgencyId is { } own)
        {
            var mine = await db.Agencies.AsNoTracking().FirstAsync(a => a.Id == own, ct);
            if (agencyCode is not null && !string.Equals(agencyCode, mine.Code, StringComparison.Ordinal))
                throw new ConcordException(new InvalidRequestError("agency", new Phrase(ErrorTexts.ReportsOwnAgency, mine.Code)));
            return mine;
        }
        if (agencyCode is null) throw new ConcordException(new InvalidRequestError("agency", "name the agency the reports belong to (--agency CODE)"));
        return await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Code == agencyCode, ct)
            ?? throw new ConcordException(new NotFoundError("agency", agencyCode));
    }

    /// <summary>The same for a table that arrived as bytes, into <paramref name="agency"/> (the caller's own, checked by <see cref="AgencyAsync"/>).</summary>
    public static async Task<ImportResult> RunAsync(ConcordDbContext db, Actor actor, CsvTable table, Agency agency, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ImportReports, "reports import", ct);
        var problems = new List<InputProblem>();
        Importer.CheckUniqueKeys(table, "case_no", problems);
        var reading = new Reading(agency);
        var reports = table.Rows.Select(row => Read(row, table.FileName, reading, problems)).ToList();
        Importer.ThrowIfAny(problems);
        if (await Importer.AlreadyImportedAsync(db, "reports", agency.Code, table.Sha256, table.FileName, ct) is { } done) return done;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var caseNos = reports.Select(r => r.CaseNo).ToList();
        var existing = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var chunk in caseNos.Chunk(500))
        {
            foreach (var x in await db.VictimReports.AsNoTracking().Where(r => r.AgencyId == agency.Id && chunk.Contains(r.CaseNo)).Select(r => new { r.CaseNo, r.SourceHash }).ToListAsync(ct))
                existing[x.CaseNo] = x.SourceHash;
        }
        var (added, unchanged) = Importer.AddNew(reports, table, existing, r => r.CaseNo, r => r.SourceHash, "case_no", ProblemTexts.AlreadyRecorded, problems, r => db.VictimReports.Add(r));
        Importer.ThrowIfAny(problems);
        var result = await Importer.CommitAsync(db, actor, agency.Id, "reports", agency.Code, table, added, unchanged, ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// One report entered on the web form or sent to the API: checked as a file's row would be, refused whole on any
    /// problem. Like a file's row, the same report again changes nothing (<c>Added</c> false, the stored one returned),
    /// and a case number already recorded with other details is refused, never rewritten.
    /// </summary>
    public static async Task<(VictimReport Report, bool Added)> AddAsync(ConcordDbContext db, Actor actor, ReportInput input, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ImportReports, "report add", ct);
        var agency = await AgencyAsync(db, actor, null, ct);
        var unknown = input.Cells.Keys.Where(k => !Columns.Any(c => c.Name == k)).ToList();
        if (unknown.Count > 0) throw new ConcordException(new InvalidRequestError(unknown[0], "not a field of a report"));
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in Columns)
            if (input.Cells.TryGetValue(c.Name, out var v) && v is not null) cells[c.Name] = v;
        var problems = new List<InputProblem>(input.Problems ?? []);
        var row = new CsvRow(1, cells, new Dictionary<string, string>());
        if (row["case_no"] is null) problems.Add(new(Form, null, "case_no", new Phrase(ProblemTexts.ValueRequired)));
        var report = Read(row, Form, new Reading(agency), problems);
        Importer.ThrowIfAny(problems);
        var stored = await db.VictimReports.AsNoTracking().Include(r => r.Losses).Include(r => r.Identifiers).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.AgencyId == agency.Id && r.CaseNo == report.CaseNo, ct);
        if (stored is not null && stored.SourceHash == report.SourceHash) return (stored, false);
        if (stored is not null)
            throw new ConcordException(new InvalidInputError([new(Form, null, "case_no", new Phrase(ProblemTexts.AlreadyRecorded, report.CaseNo))]));
        db.VictimReports.Add(report);
        db.Record(actor, "report.add", nameof(VictimReport), report.Id, $"case={report.CaseNo} agency={agency.Code} identifiers={report.Identifiers.Count} losses={report.Losses.Count}");
        await db.SaveChangesAsync(ct);
        return (report, true);
    }

    /// <summary>What every row of one import is read with: the agency, its region and time zone, the node's key, the currency assumed.</summary>
    private sealed record Reading(Agency Agency)
    {
        public string Region { get; } = CaseFields.RegionOf(Agency.Country, "CN");
        public string Zone { get; } = LocalTimes.ZoneOf(Agency.Country);
        public NodeSecrets Secrets { get; } = NodeSecrets.Current;
        public string? AssumedCurrency { get; } = Agency.Country == "CHN" ? "CNY" : null;
    }

    private static VictimReport Read(CsvRow row, string file, Reading reading, List<InputProblem> problems)
    {
        var (agency, region, zone, secrets) = (reading.Agency, reading.Region, reading.Zone, reading.Secrets);
        var flags = new List<string>();
        var report = new VictimReport
        {
            AgencyId = agency.Id,
            CaseNo = row["case_no"] ?? "",
            Bureau = row["bureau"],
            ReportedAtWritten = row["reported_at"],
            Narrative = row["narrative"],
            Notes = row.ExtraAsNotes(),
            VictimKey = "",
            SourceHash = PersonFields.RowHash(row, Columns.Select(c => c.Name)),
        };
        if (row["province"] is { } province)
        {
            report.ProvinceCode = ChineseResidentId.ProvinceCodeOf(province);
            if (report.ProvinceCode is null) problems.Add(new(file, row.Row, "province", new Phrase(ProblemTexts.NotAProvince, province)));
        }
        else report.ProvinceCode = agency.ProvinceCode;
        if (report.ReportedAtWritten is { } at)
        {
            if (LocalTimes.TryRead(at, zone, out var when, out var zoned))
            {
                report.ReportedAt = when;
                if (zoned) flags.Add("zone-assumed:" + zone);
            }
            else problems.Add(new(file, row.Row, "reported_at", new Phrase(ProblemTexts.NotATimestamp, at)));
        }
        if (row["fraud_type"] is { } type)
        {
            if (ReportFraudTypes.TryRead(type, out var code)) report.FraudType = code;
            else problems.Add(new(file, row.Row, "fraud_type", new Phrase(ProblemTexts.NotAFraudType, type, ReportFraudTypes.List)));
        }
        ReportFraudTypes.Suggest(report);
        var name = row["victim_name"];
        var idNumber = row["victim_id"];
        if (name is not null) report.VictimNameSealed = secrets.Seal(name);
        if (idNumber is not null) report.VictimIdSealed = secrets.Seal(idNumber);
        report.VictimKey = VictimKey(secrets, agency.Code, report.CaseNo, name, idNumber);

        foreach (var (amount, currency, wasAssumed) in CaseFields.Amounts(row["amount"], row["currency"], reading.AssumedCurrency, file, row.Row, "amount", problems))
        {
            report.Losses.Add(new ReportLoss { ReportId = report.Id, Amount = amount, Currency = currency });
            if (wasAssumed) flags.Add("currency-assumed:" + currency);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (column, kind) in IdentifierColumns)
        {
            foreach (var written in CaseFields.Split(row[column]))
            {
                if (CaseFields.Identifier(kind, written, region, file, row.Row, column, problems) is not { } r) continue;
                if (!seen.Add(CaseFields.Key(CaseIdentifiers.KindName(kind), r.Value!))) continue;
                report.Identifiers.Add(new ReportIdentifier
                {
                    ReportId = report.Id,
                    Kind = CaseIdentifiers.KindName(kind),
                    Value = r.Value!,
                    Written = written,
                    Flags = CaseFields.FlagText(r.Flags),
                });
            }
        }
        report.Flags = flags.Count == 0 ? null : string.Join(",", flags);
        return report;
    }

    /// <summary>
    /// The victim's pseudonym: keyed by the node's key over the name and document number (the same person reporting twice
    /// is one victim); a report without either is a victim of its own.
    /// </summary>
    private static string VictimKey(NodeSecrets secrets, string agency, string caseNo, string? name, string? idNumber)
    {
        var who = idNumber is not null ? "id:" + string.Concat(idNumber.Normalize(NormalizationForm.FormKC).Where(char.IsLetterOrDigit)).ToUpperInvariant()
            : name is not null ? "name:" + name.Normalize(NormalizationForm.FormKC).Replace(" ", "", StringComparison.Ordinal)
            : "case:" + agency + "/" + caseNo;
        var bytes = secrets.Pseudonym("victim", who);
        return "V-" + Convert.ToHexString(bytes, 0, 5);
    }
}
