using System.Diagnostics;
using Concord.Cli.Web.Text;
using Concord.Core;
using Concord.Core.Domain;
using Concord.Core.Features.Cases;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Cases;

/// <summary>
/// The prosecutor's export of a den: the workbook's figures are the confirmed links' losses exactly as
/// <see cref="CaseLosses"/> counts them, every confirmed link's evidence has its rows, the PDF carries the case numbers and
/// Chinese labels (read with poppler's pdftotext), and an agency that may not read a report never finds it in either.
/// </summary>
public sealed class CaseExportTests
{
    private static string Zh(string english) => UiText.Translate(english, "zh");

    [Fact]
    public async Task A_dens_export_holds_the_confirmed_figures_every_links_evidence_and_no_report_the_reader_may_not_see()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite");
        await using var db = database.Open();
        var w = await CaseWorld.CreateAsync(db);
        await CaseWorld.LinkedAsync(db, w);
        var den = await db.CaseLinks.Where(l => l.SubjectRef == "MUSE-D01").Join(db.VictimReports, l => l.ReportId, r => r.Id, (l, r) => new { l.Id, l.SubjectId, r.CaseNo }).ToListAsync();
        Assert.Equal(["ZJ-2024-0001", "ZJ-2024-0002"], den.Select(d => d.CaseNo).Order(StringComparer.Ordinal));
        // The first link confirmed, the second left proposed: only the first counts.
        await CaseLinks.DecideAsync(db, w.Ministry, den.Single(d => d.CaseNo == "ZJ-2024-0001").Id, confirm: true, null, default);

        var content = await CaseExports.BuildAsync(db, w.Ministry, "MUSE-D01", default);
        var losses = (await CaseLosses.OfSubjectAsync(db, w.Ministry, CaseSubject.Den, den[0].SubjectId, default))!;
        Assert.Equal((1, 1), (content.ReportCount, losses.Confirmed));
        Assert.Equal(["ZJ-2024-0001"], content.Reports.Select(r => r.CaseNo));
        Assert.Equal(["ZJ-2024-0002"], content.Proposed.Select(r => r.CaseNo));
        Assert.Equal(losses.ConfirmedLosses.OrderBy(m => m.Currency, StringComparer.Ordinal), content.Losses);

        var book = Sheets((await CaseExports.ExportAsync(db, w.Ministry, "MUSE-D01", CaseExports.Xlsx, "zh", UiText.Translate, default)).Bytes);
        Assert.Equal([Zh("Summary"), Zh("Reports"), Zh("Proposed links"), Zh("Link evidence")], book.Keys);
        var summary = book[Zh("Summary")];
        Assert.Equal(losses.Confirmed, (double)summary.Single(r => (string?)r[Zh("Figure")] == Zh("Reports linked"))[Zh("Count")]!);
        Assert.Equal(losses.ConfirmedLosses.OrderBy(m => m.Currency, StringComparer.Ordinal).Select(m => (m.Currency, (double)m.Amount)),
            summary.Where(r => (string?)r[Zh("Figure")] == Zh("Losses") && (string?)r[Zh("Province")] == Zh("Total")).Select(r => ((string)r[Zh("Currency")]!, (double)r[Zh("Amount")]!)));
        Assert.Contains(summary, r => (string?)r[Zh("Province")] == Concord.Matching.ChineseResidentId.ProvinceName("33") && (double?)r[Zh("Amount")] == 50000);
        Assert.Equal(["ZJ-2024-0001"], book[Zh("Reports")].Select(r => (string)r[Zh("Case no.")]!));
        Assert.Equal(50000, (double)book[Zh("Reports")][0][string.Format(null, Zh("Loss ({0})"), "CNY")]!);
        // Every step of the confirmed link's evidence is a row, as the link holds it.
        var evidence = book[Zh("Link evidence")];
        var confirmed = (await CaseLinks.OfSubjectAsync(db, w.Ministry, CaseSubject.Den, den[0].SubjectId, default)).Where(l => l.Status == CaseLinkStatus.Confirmed).ToList();
        Assert.NotEmpty(confirmed.SelectMany(l => l.Evidence));
        foreach (var l in confirmed)
            foreach (var e in l.Evidence)
                Assert.Contains(evidence, r => (string?)r[Zh("Case no.")] == l.CaseNo && (string?)r[Zh("Identifier")] == e.Kind && (string?)r[Zh("Value as written in the report")] == e.ReportWritten
                    && (string?)r[Zh("Extraction item")] == e.ItemNo && (string?)r[Zh("Table")] == e.Table && (double?)r[Zh("Row")] == e.Row && (string?)r[Zh("Link status")] == Zh("Confirmed")
                    && (string?)r[Zh("Decided by")] == "user:cn-mps" && (string?)r[Zh("Den")] == "MUSE-D01" && (string?)r[Zh("Holder")] == "MUSE-0003");
        Assert.Contains(evidence, r => (string?)r[Zh("Case no.")] == "ZJ-2024-0002" && (string?)r[Zh("Link status")] == Zh("Proposed"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "cases.export" && a.Details!.Contains("format=xlsx reports=1 proposed=1")));

        var text = await PdfTextAsync((await CaseExports.ExportAsync(db, w.Ministry, "MUSE-D01", CaseExports.Pdf, "zh", UiText.Translate, default)).Bytes);
        Assert.Contains("ZJ-2024-0001", text, StringComparison.Ordinal);
        Assert.Contains("ZJ-2024-0002", text, StringComparison.Ordinal);
        Assert.Contains(Zh("Case export for the prosecutor"), text, StringComparison.Ordinal);
        Assert.Contains(Zh("Link evidence"), text, StringComparison.Ordinal);
        Assert.Contains("50,000 CNY", text, StringComparison.Ordinal);
        var burmese = await PdfTextAsync((await CaseExports.ExportAsync(db, w.Ministry, "MUSE-D01", CaseExports.Pdf, "my", UiText.Translate, default)).Bytes);
        Assert.True(burmese.Count(c => c is >= '\u1000' and <= '\u109F') > 100, "no Burmese labels");

        // Myanmar holds the phone and was shared ZJ-2024-0001 alone: the other report is in neither file, not even as a number.
        var report = await CaseAccess.ReportAsync(db, w.Zhejiang, "ZJ-2024-0001", null, default);
        await CaseLinks.ShareAsync(db, w.Zhejiang, CaseAccess.Report, report.Id, "MM-MPF", default);
        var theirs = Sheets((await CaseExports.ExportAsync(db, w.Myanmar, "MUSE-D01", CaseExports.Xlsx, "my", UiText.Translate, default)).Bytes);
        Assert.DoesNotContain(theirs.Values.SelectMany(s => s).SelectMany(r => r.Values), v => v is string s && s.Contains("ZJ-2024-0002", StringComparison.Ordinal));
        Assert.Single(theirs[UiText.Translate("Reports", "my")]);
        var theirPdf = await PdfTextAsync((await CaseExports.ExportAsync(db, w.Myanmar, "MUSE-D01", CaseExports.Pdf, "my", UiText.Translate, default)).Bytes);
        Assert.Contains("ZJ-2024-0001", theirPdf, StringComparison.Ordinal);
        Assert.DoesNotContain("ZJ-2024-0002", theirPdf, StringComparison.Ordinal);
        // Victims' names go only to roles that see victims; the others read the pseudonym.
        Assert.DoesNotContain(theirs.Values.SelectMany(s => s).SelectMany(r => r.Values), v => v is string s && s.Contains("王丽", StringComparison.Ordinal));
        Assert.Contains("王丽", (await CaseExports.BuildAsync(db, Scenario.Operator, "MUSE-D01", default)).Reports.Select(r => r.Victim));
        // Guangdong sees none of it: not found, and the refusal audited.
        var hidden = await Assert.ThrowsAsync<ConcordException>(() => CaseExports.ExportAsync(db, w.Guangdong, "MUSE-D01", CaseExports.Pdf, "zh", UiText.Translate, default));
        Assert.IsType<NotFoundError>(hidden.Error);
    }

    [Fact]
    public void Every_label_of_the_exports_is_in_every_language()
    {
        foreach (var language in UiText.Languages.Where(l => l != "en"))
        {
            var missing = CaseExports.Labels.Where(l => !UiText.Table(language).ContainsKey(l)).ToList();
            Assert.True(missing.Count == 0, $"{language}: {string.Join(", ", missing)}");
        }
    }

    private static Dictionary<string, List<IDictionary<string, object?>>> Sheets(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        var result = new Dictionary<string, List<IDictionary<string, object?>>>(StringComparer.Ordinal);
        foreach (var name in MiniExcelLibs.MiniExcel.GetSheetNames(stream))
        {
            stream.Position = 0;
            result[name] = [.. MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>()];
            stream.Position = 0;
        }
        return result;
    }

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), "concord-tests", Guid.NewGuid().ToString("N") + ".pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, pdf);
        var psi = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-layout", file, "-" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("pdftotext did not start");
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        File.Delete(file);
        Assert.Equal(0, p.ExitCode);
        return output;
    }
}
