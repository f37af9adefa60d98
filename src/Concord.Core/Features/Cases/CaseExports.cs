using System.Globalization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Paper;
using Concord.Core.Storage;
using Concord.Matching;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Cases;

/// <summary>
/// What a prosecutor receives about one suspect or den: the reports linked to it, their losses and the evidence of every
/// link, as a workbook (.xlsx) and as a printed paper (PDF), labelled in English, Chinese or Burmese. Only what the caller
/// sees goes in (<see cref="CaseAccess.Links"/>): a report it may not read never appears, not even as a case number.
/// The figures count confirmed links only; links still proposed are listed apart, with their evidence, and counted in no
/// figure; rejected links are left out. Victims' names appear only for roles that see victims, their pseudonyms otherwise.
/// Exporting is audited (<c>cases.export</c>).
/// </summary>
public static class CaseExports
{
    /// <summary>Every label the exports print, in English: the text tables give each in Chinese and Burmese.</summary>
    public static readonly IReadOnlyList<string> Labels =
    [
        "Case export for the prosecutor", "Subject", "Summary", "Reports", "Link evidence", "Proposed links", "Figure", "Province", "Currency", "Amount",
        "Count", "Value", "Figures count confirmed links only; proposed links are listed apart and not counted", "Reports linked", "Victims", "Losses",
        "Total", "First report", "Last report", "Case no.", "Bureau", "Reported (UTC)", "Fraud type", "Victim", "Loss ({0})", "Link method", "Identifier",
        "Value as written in the report", "Extraction item", "Den", "Holder", "Table", "Row", "Written in the extraction", "Passage", "Link status",
        "Decided by", "Decided (UTC)", "Confirmed", "Proposed", "Page {0} of {1}", "Person", "Province unknown",
    ];

    public const string Pdf = "pdf", Xlsx = "xlsx";

    /// <summary>One report as exported, with its losses.</summary>
    public sealed record Report(Guid Id, string CaseNo, string? Bureau, string? Province, DateTime? ReportedAt, string? FraudType, string Victim, IReadOnlyList<Money> Losses);

    /// <summary>One step of one link's evidence as exported; <see cref="Passage"/> is the script's or chat's text where the step is one.</summary>
    public sealed record Step(string CaseNo, string Method, string Kind, string ReportWritten, string ItemNo, string? Den, string? Holder, string Table, int Row,
        string? Written, string? Passage, CaseLinkStatus Status, string? DecidedBy, DateTime? DecidedAt);

    /// <summary>
    /// The content of an export: the figures over the confirmed links' reports (<see cref="Reports"/>), those reports, the
    /// proposed links' reports apart, and every evidence step of both.
    /// </summary>
    public sealed record Content(CaseSubject Subject, string SubjectRef, int ReportCount, int Victims, IReadOnlyList<Money> Losses,
        IReadOnlyDictionary<string, IReadOnlyList<Money>> ByProvince, DateTime? First, DateTime? Last, IReadOnlyList<Report> Reports,
        IReadOnlyList<Report> Proposed, IReadOnlyList<Step> Evidence);

    /// <summary>The file as written: its bytes, a name for it and its media type.</summary>
    public sealed record File(byte[] Bytes, string FileName, string ContentType);

    /// <summary>
    /// The export of the suspect (roster number) or den (den code) named <paramref name="subjectRef"/> in
    /// <paramref name="format"/> (<see cref="Pdf"/> or <see cref="Xlsx"/>), labelled in <paramref name="language"/> through
    /// <paramref name="translate"/> (English text, language). A subject none of whose links the caller sees is not found.
    /// </summary>
    public static async Task<File> ExportAsync(ConcordDbContext db, Actor actor, string subjectRef, string format, string language,
        Func<string, string, string> translate, CancellationToken ct)
    {
        if (format is not (Pdf or Xlsx)) throw new ConcordException(new InvalidRequestError("format", "pdf or xlsx"));
        var content = await BuildAsync(db, actor, subjectRef, ct);
        db.Record(actor, "cases.export", nameof(CaseLink), null,
            $"subject={content.Subject.ToString().ToLowerInvariant()}:{content.SubjectRef} format={format} reports={content.ReportCount} proposed={content.Proposed.Count}");
        await db.SaveChangesAsync(ct);
        var name = $"cases-{content.SubjectRef}.{format}";
        return format == Xlsx
            ? new File(Workbook(content, language, translate), name, Spreadsheet.ContentType)
            : new File(Paper(content, language, translate), name, "application/pdf");
    }

    /// <summary>The content of the export of a subject the caller sees, read through the links it sees; not audited by itself.</summary>
    public static async Task<Content> BuildAsync(ConcordDbContext db, Actor actor, string subjectRef, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReadCases, "cases export", ct);
        var subjects = await CaseAccess.Links(db, actor).Where(l => l.SubjectRef == subjectRef && l.Subject != CaseSubject.Seizure)
            .Select(l => new { l.Subject, l.SubjectId }).Distinct().ToListAsync(ct);
        if (subjects.Count == 0)
        {
            var hidden = await db.CaseLinks.Where(l => l.SubjectRef == subjectRef).Select(l => (Guid?)l.SubjectId).FirstOrDefaultAsync(ct);
            if (hidden is { } id) throw await Access.DeniedAsync(db, actor, nameof(CaseLink), id, "subject", subjectRef, ct);
            throw new ConcordException(new NotFoundError("subject", subjectRef));
        }
        if (subjects.Count > 1) throw new ConcordException(new InvalidRequestError("subject", $"{subjectRef} names more than one suspect or den"));
        var (subject, subjectId) = (subjects[0].Subject, subjects[0].SubjectId);

        var links = (await CaseLinks.OfSubjectAsync(db, actor, subject, subjectId, ct)).Where(l => l.Status != CaseLinkStatus.Rejected).ToList();
        var reportIds = links.Select(l => l.ReportId).Distinct().ToList();
        var rows = await CaseAccess.Reports(db, actor).AsNoTracking().Include(r => r.Losses).Where(r => reportIds.Contains(r.Id)).ToListAsync(ct);
        var victims = CaseAccess.SeesVictims(actor);
        var bureaus = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var reports = rows.ToDictionary(r => r.Id, r => new Report(r.Id, r.CaseNo, r.Bureau ?? bureaus.GetValueOrDefault(r.AgencyId), r.ProvinceCode, r.ReportedAt, r.FraudType,
            victims && r.VictimNameSealed is { } sealedName ? NodeSecrets.Current.Open(sealedName) : r.VictimKey,
            [.. r.Losses.OrderBy(l => l.Currency, StringComparer.Ordinal).Select(l => new Money(l.Currency, l.Amount))]));

        // A script's or chat's words, where a step of the evidence is one of its rows.
        var extractions = links.SelectMany(l => l.Evidence).Select(e => e.Extraction).Distinct().ToList();
        var passages = (await db.ExtractionRecords.AsNoTracking()
            .Where(x => extractions.Contains(x.ExtractionId) && (x.Table == ExtractionTable.Scripts || x.Table == ExtractionTable.Chats) && x.Text != null)
            .Select(x => new { x.ExtractionId, x.Table, x.Row, x.Text }).ToListAsync(ct))
            .ToDictionary(x => (x.ExtractionId, ImportExtraction.TableName(x.Table), x.Row), x => x.Text);

        var confirmed = reportIds.Where(id => links.Any(l => l.ReportId == id && l.Status == CaseLinkStatus.Confirmed)).Select(id => reports[id])
            .OrderBy(r => r.CaseNo, StringComparer.Ordinal).ToList();
        var proposed = reportIds.Select(id => reports[id]).Except(confirmed).OrderBy(r => r.CaseNo, StringComparer.Ordinal).ToList();
        var steps = links.OrderByDescending(l => l.Status == CaseLinkStatus.Confirmed).ThenBy(l => l.CaseNo, StringComparer.Ordinal)
            .SelectMany(l => l.Evidence.Select(e => new Step(l.CaseNo, l.Method, e.Kind, e.ReportWritten, e.ItemNo, e.Den, e.Holder, e.Table, e.Row, e.Written,
                passages.GetValueOrDefault((e.Extraction, e.Table, e.Row)), l.Status, l.DecidedBy, l.DecidedAt))).ToList();
        var at = confirmed.Select(r => r.ReportedAt).OfType<DateTime>().ToList();
        return new Content(subject, subjectRef, confirmed.Count, confirmed.Select(r => r.Victim).Distinct(StringComparer.Ordinal).Count(), Sum(confirmed),
            confirmed.GroupBy(r => r.Province ?? "").ToDictionary(g => g.Key, g => Sum(g), StringComparer.Ordinal),
            at.Count == 0 ? null : at.Min(), at.Count == 0 ? null : at.Max(), confirmed, proposed, steps);
    }

    private static IReadOnlyList<Money> Sum(IEnumerable<Report> reports) =>
        [.. reports.SelectMany(r => r.Losses).GroupBy(m => m.Currency, StringComparer.Ordinal).Select(g => new Money(g.Key, g.Sum(m => m.Amount))).OrderBy(m => m.Currency, StringComparer.Ordinal)];

    private static string ProvinceName(string code, Func<string, string> t) => code.Length == 0 ? t("Province unknown") : ChineseResidentId.ProvinceName(code) ?? code;

    private static string Stamp(DateTime? at, string format = "yyyy-MM-dd HH:mm") => at?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    private static string SubjectLabel(Content c, Func<string, string> t) => $"{t(c.Subject == CaseSubject.Den ? "Den" : "Person")} {c.SubjectRef}";

    /// <summary>The workbook: Summary, Reports (confirmed), Proposed links, and the Link evidence, one row per step.</summary>
    public static byte[] Workbook(Content c, string language, Func<string, string, string> translate)
    {
        string T(string english) => translate(english, language);
        var summary = new List<IReadOnlyList<object?>>
        {
            new object?[] { T("Subject"), null, null, null, null, SubjectLabel(c, T) },
            new object?[] { T("Summary"), null, null, null, null, T("Figures count confirmed links only; proposed links are listed apart and not counted") },
            new object?[] { T("Reports linked"), null, null, null, c.ReportCount, null },
            new object?[] { T("Victims"), null, null, null, c.Victims, null },
            new object?[] { T("Proposed links"), null, null, null, c.Proposed.Count, null },
            new object?[] { T("First report"), null, null, null, null, Stamp(c.First) },
            new object?[] { T("Last report"), null, null, null, null, Stamp(c.Last) },
        };
        summary.AddRange(c.Losses.Select(m => (IReadOnlyList<object?>)[T("Losses"), T("Total"), m.Currency, m.Amount, null, null]));
        summary.AddRange(c.ByProvince.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value.Select(m =>
            (IReadOnlyList<object?>)[T("Losses"), ProvinceName(p.Key, T), m.Currency, m.Amount, null, null])));
        var currencies = c.Reports.Concat(c.Proposed).SelectMany(r => r.Losses).Select(m => m.Currency).Distinct().Order(StringComparer.Ordinal).ToList();
        List<string> reportColumns = [T("Case no."), T("Bureau"), T("Province"), T("Reported (UTC)"), T("Fraud type"), T("Victim"),
            .. currencies.Select(cur => string.Format(CultureInfo.InvariantCulture, T("Loss ({0})"), cur))];
        IReadOnlyList<object?> ReportRow(Report r) =>
        [
            r.CaseNo, r.Bureau, r.Province is null ? null : ProvinceName(r.Province, T), r.ReportedAt, r.FraudType, r.Victim,
            .. currencies.Select(cur => r.Losses.Any(m => m.Currency == cur) ? (object?)r.Losses.Where(m => m.Currency == cur).Sum(m => m.Amount) : null),
        ];
        return Spreadsheet.Write(
        [
            new Sheet(T("Summary"), [T("Figure"), T("Province"), T("Currency"), T("Amount"), T("Count"), T("Value")], summary),
            new Sheet(T("Reports"), reportColumns, [.. c.Reports.Select(ReportRow)]),
            new Sheet(T("Proposed links"), reportColumns, [.. c.Proposed.Select(ReportRow)]),
            new Sheet(T("Link evidence"),
                [T("Case no."), T("Link method"), T("Identifier"), T("Value as written in the report"), T("Extraction item"), T("Den"), T("Holder"), T("Table"),
                    T("Row"), T("Written in the extraction"), T("Passage"), T("Link status"), T("Decided by"), T("Decided (UTC)")],
                [.. c.Evidence.Select(e => (IReadOnlyList<object?>)[e.CaseNo, e.Method, e.Kind, e.ReportWritten, e.ItemNo, e.Den, e.Holder, e.Table, e.Row, e.Written,
                    e.Passage, T(e.Status.ToString()), e.DecidedBy, e.DecidedAt])]),
        ]);
    }

    /// <summary>The same content on A4 paper: the figures, the reports, the proposed links apart, and every step of evidence.</summary>
    public static byte[] Paper(Content c, string language, Func<string, string, string> translate)
    {
        string T(string english) => translate(english, language);
        string N(decimal amount) => amount.ToString("#,0.##", CultureInfo.InvariantCulture);
        string Amounts(IEnumerable<Money> losses) => string.Join("; ", losses.Select(m => $"{N(m.Amount)} {m.Currency}"));
        var title = $"{T("Case export for the prosecutor")} · {SubjectLabel(c, T)}";
        var (pdf, _) = PaperDocument.Write(title,
            page =>
            {
                page.Text(title, PaperDocument.Margin, page.Y + 14, 13);
                page.Y += 26;
            },
            (n, of) => $"{string.Format(CultureInfo.InvariantCulture, T("Page {0} of {1}"), n, of)}    {c.SubjectRef}",
            page =>
            {
                page.Paragraph(T("Figures count confirmed links only; proposed links are listed apart and not counted"), 8.5f, color: SkiaSharp.SKColors.DimGray);
                page.Y += 4;
                var facts = new List<(string, string)>
                {
                    (T("Subject"), SubjectLabel(c, T)), (T("Reports linked"), c.ReportCount.ToString(CultureInfo.InvariantCulture)),
                    (T("Victims"), c.Victims.ToString(CultureInfo.InvariantCulture)), (T("Losses"), Amounts(c.Losses)),
                    (T("First report"), Stamp(c.First)), (T("Last report"), Stamp(c.Last)),
                    (T("Proposed links"), c.Proposed.Count.ToString(CultureInfo.InvariantCulture)),
                };
                foreach (var (label, value) in facts)
                {
                    page.Text(label, PaperDocument.Margin, page.Y + 10, 8.5f, SkiaSharp.SKColors.DimGray);
                    page.Text(value, PaperDocument.Margin + 170, page.Y + 10, 9);
                    page.Y += 13;
                }
                page.Y += 8;
                void Heading(string text)
                {
                    page.Room(40);
                    page.Text(text, PaperDocument.Margin, page.Y + 12, 11);
                    page.Y += 18;
                }
                Heading(T("Losses"));
                page.Table([new(T("Province"), 200), new(T("Losses"), 323)],
                    c.ByProvince.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (IReadOnlyList<string?>)[ProvinceName(p.Key, T), Amounts(p.Value)])
                        .Append([T("Total"), Amounts(c.Losses)]));
                List<PaperDocument.Column> reportColumns = [new(T("Case no."), 80), new(T("Bureau"), 110), new(T("Province"), 50), new(T("Reported (UTC)"), 70),
                    new(T("Fraud type"), 60), new(T("Victim"), 68), new(T("Losses"), 85)];
                IReadOnlyList<string?> ReportRow(Report r) =>
                    [r.CaseNo, r.Bureau, r.Province is null ? "" : ProvinceName(r.Province, T), Stamp(r.ReportedAt), r.FraudType, r.Victim, Amounts(r.Losses)];
                page.Y += 8;
                Heading($"{T("Reports")} ({c.Reports.Count.ToString(CultureInfo.InvariantCulture)})");
                page.Table(reportColumns, c.Reports.Select(ReportRow));
                if (c.Proposed.Count > 0)
                {
                    page.Y += 8;
                    Heading($"{T("Proposed links")} ({c.Proposed.Count.ToString(CultureInfo.InvariantCulture)})");
                    page.Table(reportColumns, c.Proposed.Select(ReportRow));
                }
                page.Y += 8;
                Heading(T("Link evidence"));
                page.Table(
                    [new(T("Case no."), 62), new(T("Link method"), 34), new(T("Identifier"), 42), new(T("Value as written in the report"), 70), new(T("Extraction item"), 34),
                        new(T("Den"), 44), new(T("Holder"), 44), new($"{T("Table")} / {T("Row")}", 44), new(T("Passage"), 64), new(T("Link status"), 40), new(T("Decided by"), 45)],
                    c.Evidence.Select(e => (IReadOnlyList<string?>)[e.CaseNo, e.Method, e.Kind, e.ReportWritten, e.ItemNo, e.Den, e.Holder, $"{e.Table} {e.Row}",
                        e.Passage ?? e.Written, T(e.Status.ToString()), $"{e.DecidedBy} {Stamp(e.DecidedAt)}".Trim()]), 7f);
            });
        return pdf;
    }
}
