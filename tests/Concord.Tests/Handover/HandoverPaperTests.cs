using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Concord.Cli.Web.Text;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Handover;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Seizures;
using Concord.Core.Storage;
using Concord.Tests.Browser;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Handover;

/// <summary>
/// The Muse handover on paper: the manifest and the receipt as PDFs hold every person and item, in Chinese and Burmese
/// labels, on A4 pages numbered "N of M", with a signature block for each side and a QR code that decodes to the paper's
/// digest. Read with poppler's pdftotext, pdfinfo and pdftoppm and zbar's zbarimg, as a checker outside Concord would.
/// </summary>
public sealed partial class HandoverPaperTests
{
    private const string Operation = "MUSE-2024-03";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ManifestAndReceipt_HoldEveryPersonAndItem_FitA4_AndTheirQrCodesDecodeToTheirDigests(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var actor = Scenario.Operator;
        await Scenario.MuseAgreementAsync(db);
        await MuseInTheBrowserTests.SeedLeadAndWantedAsync(db, actor);
        await ImportRoster.RunAsync(db, actor, Repo.Muse("roster.csv"), Operation, default);
        await ImportSeizures.RunAsync(db, actor, Repo.Muse("seizures.csv"), Operation, default);
        await MatchOperation.RunAsync(db, actor, Operation, null, default);
        await DecideCustody.RunAsync(db, actor, Operation, default);
        var plan = await Handovers.PlanAsync(db, actor, Operation, "CN-MPS", "Ruili", new DateOnly(2024, 3, 31), default);
        db.ChangeTracker.Clear();

        // A receipt cannot be printed before the port has checked the handover in.
        await Handovers.DispatchAsync(db, actor, plan.Id, default);
        db.ChangeTracker.Clear();
        var early = await Assert.ThrowsAsync<ConcordException>(() => HandoverPaper.ReceiptAsync(db, actor, plan.Id, db.ReadsIn(), UiText.Translate, default));
        Assert.IsType<ConflictError>(early.Error);

        var manifest = await HandoverViews.ReadAsync(db, actor, plan.Id, db.ReadsIn(), default);
        var paper = await HandoverPaper.ManifestAsync(db, actor, plan.Id, db.ReadsIn(), UiText.Translate, default);
        Assert.Equal(HandoverPaper.Digest(manifest, receipt: false), paper.Digest);
        var dir = Directory.CreateTempSubdirectory("concord-paper-");
        try
        {
            var text = await CheckPaperAsync(dir.FullName, "manifest", paper, HandoverPaper.QrContent(manifest, false, paper.Digest));
            foreach (var p in manifest.Persons) Assert.Contains(p.Ref, text, StringComparison.Ordinal);
            foreach (var i in manifest.Items) Assert.Contains(i.ItemNo, text, StringComparison.Ordinal);
            Assert.Contains("移交清单", text, StringComparison.Ordinal);
            Assert.Contains(UiText.Translate("SIM card", "zh").Replace(" ", "", StringComparison.Ordinal), text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains(UiText.Translate("Fugitive", "zh"), text, StringComparison.Ordinal);

            // The port: one person missing, everything else received; the receipt says so.
            var missing = manifest.Persons[0].Ref;
            // Each item with a recorded hash is received with the hash read from it at the port.
            List<Handovers.ReceiptLine> lines = [new("person", missing, "missing", null, "not at the gate", 2)];
            lines.AddRange(manifest.Items.Where(i => i.Sha256 is not null).Select((i, n) => new Handovers.ReceiptLine("item", i.ItemNo, "received", i.Sha256, null, n + 3)));
            await Handovers.ReceiveAsync(db, actor, plan.Id, lines, restReceived: true, "receipt.csv", default);
            db.ChangeTracker.Clear();
            var received = await HandoverViews.ReadAsync(db, actor, plan.Id, db.ReadsIn(), default);
            var receipt = await HandoverPaper.ReceiptAsync(db, actor, plan.Id, db.ReadsIn(), UiText.Translate, default);
            Assert.Equal(HandoverPaper.Digest(received, receipt: true), receipt.Digest);
            Assert.NotEqual(paper.Digest, receipt.Digest);
            var receiptText = await CheckPaperAsync(dir.FullName, "receipt", receipt, HandoverPaper.QrContent(received, true, receipt.Digest));
            Assert.Contains("移交回执", receiptText, StringComparison.Ordinal);
            Assert.Contains(UiText.Translate("Missing", "zh"), receiptText, StringComparison.Ordinal);
            Assert.Contains("gate", receiptText, StringComparison.Ordinal);
            foreach (var i in received.Items.Where(i => i.Status != "received")) Assert.Contains(i.ItemNo, receiptText, StringComparison.Ordinal);

            // Each printing is a read of the manifest, audited.
            Assert.True(await db.AuditEntries.CountAsync(a => a.Action == "handover.read" && a.EntityId == plan.Id) >= 4);

            // The same papers as Excel workbooks, then the assignments and the report: a sheet per table, typed columns, Chinese headers.
            static string Zh(string english) => UiText.Translate(english, "zh");
            var book = Sheets((await HandoverPaper.WorkbookAsync(db, actor, plan.Id, receipt: false, db.ReadsIn(), Zh, default)).Xlsx);
            Assert.Equal([Zh("Handover"), Zh("Persons"), Zh("Items")], book.Keys);
            Assert.Equal(manifest.Persons.Select(p => p.Ref), book[Zh("Persons")].Select(r => ((string)r[Zh("Roster no.")]!).Split(", ")[0]));
            Assert.Equal(manifest.Items.Select(i => i.ItemNo), book[Zh("Items")].Select(r => (string)r[Zh("Item")]!));
            Assert.Equal(manifest.Items.Sum(i => i.Quantity), book[Zh("Items")].Sum(r => Assert.IsType<double>(r[Zh("Units")])));
            Assert.Equal(manifest.Persons.Count(p => p.Fugitive), book[Zh("Persons")].Count(r => r[Zh("Fugitive")] is true));
            Assert.Contains(book[Zh("Handover")], r => (string)r[Zh("Field")]! == Zh("Digest of this paper (SHA-256)") && (string)r[Zh("Value")]! == paper.Digest);
            var receiptBook = Sheets((await HandoverPaper.WorkbookAsync(db, actor, plan.Id, receipt: true, db.ReadsIn(), Zh, default)).Xlsx);
            Assert.Equal(Zh("Missing"), receiptBook[Zh("Persons")].Single(r => ((string)r[Zh("Roster no.")]!).Split(", ")[0] == missing)[Zh("Status")]);
            Assert.Equal(received.Persons.Count - 1, receiptBook[Zh("Persons")].Count(r => (string?)r[Zh("Status")] == Zh("Received")));

            var assigned = await Concord.Core.Features.Assignment.Assignments.RunAsync(db, actor, plan.Id, default);
            db.ChangeTracker.Clear();
            var board = Sheets(await Concord.Core.Features.Assignment.AssignmentBoard.WorkbookAsync(db, actor, db.ReadsIn(), "zh", UiText.Translate, default));
            Assert.Equal(assigned.Assigned + assigned.Unknown, board[Zh("Assignments")].Count);
            Assert.Equal(assigned.Unknown, board[Zh("Assignments")].Count(r => (string)r[Zh("Province")]! == Zh("Province unknown")));
            Assert.All(board[Zh("Assignments")], r => Assert.True((string)r[Zh("Province")]! == Zh("Province unknown")
                || Regex.IsMatch((string)r[Zh("Province")]!, @"^\p{IsCJKUnifiedIdeographs}+$"), $"province {r[Zh("Province")]}"));
            var report = await Concord.Core.Features.Reports.OperationReport.BuildAsync(db, actor, Operation, db.ReadsIn(), default);
            var reportBook = Sheets(Concord.Core.Features.Reports.OperationReport.Workbook(report, "zh", UiText.Translate));
            Assert.Equal(6, reportBook.Count);
            Assert.Equal(report.Arrested.Persons, reportBook[Zh("By nationality")].Sum(r => (double)r[Zh("Persons")]!));
            Assert.Contains(reportBook[Zh("By nationality")], r => (string)r[Zh("Nationality")]! == "缅甸");
            Assert.Equal(report.Assignments.Total, reportBook[Zh("Provinces")].Single(r => (string)r[Zh("Province")]! == Zh("Total"))[Zh("Persons")] is double total ? (int)total : -1);
            Assert.Equal(Zh("Received"), reportBook[Zh("Handovers")].Single()[Zh("State")]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void EveryLabelOfThePapers_IsInEveryLanguage()
    {
        foreach (var language in UiText.Languages.Where(l => l != "en"))
        {
            var missing = HandoverPaper.Labels.Concat(Concord.Core.Features.Reports.OperationReport.WorkbookLabels)
                .Concat(Concord.Core.Features.Assignment.AssignmentBoard.WorkbookLabels).Where(l => !UiText.Table(language).ContainsKey(l)).ToList();
            Assert.True(missing.Count == 0, $"{language}: {string.Join(", ", missing)}");
        }
    }

    /// <summary>Checks a paper from outside: A4 pages, numbered; both languages; signature blocks; the QR code. Returns its text.</summary>
    private static async Task<string> CheckPaperAsync(string dir, string name, HandoverPaper.Paper paper, string qr)
    {
        var pdf = Path.Combine(dir, name + ".pdf");
        await File.WriteAllBytesAsync(pdf, paper.Pdf);

        var info = await RunAsync("pdfinfo", "-f", "1", "-l", "9999", pdf);
        var sizes = PageSize().Matches(info).Select(m => (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(paper.Pages, sizes.Count);
        Assert.True(paper.Pages > 1, $"{name}: {paper.Pages} page(s)");
        Assert.All(sizes, s => Assert.True(Math.Abs(s.Item1 - 595.28) < 0.5 && Math.Abs(s.Item2 - 841.89) < 0.5, $"{name}: a page of {s.Item1} x {s.Item2} pt is not A4 portrait"));

        var text = await RunAsync("pdftotext", "-layout", pdf, "-");
        Assert.Matches($@"第\s*{paper.Pages}\s*页，\s*共\s*{paper.Pages}\s*页", text);
        // Burmese is set shaped, so its extracted text comes out in the order it is drawn; that it is there is what counts.
        Assert.True(text.Count(c => c is >= '\u1000' and <= '\u109F') > 200, $"{name}: no Burmese labels");
        Assert.Contains("移交方（", text, StringComparison.Ordinal);
        Assert.Contains("接收方（", text, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(text, "签名").Count);
        Assert.Contains(paper.Digest, text, StringComparison.Ordinal);

        // The QR code on the first page, read by zbar from the page as printed at 200 dpi.
        var image = Path.Combine(dir, name + "-page");
        await RunAsync("pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png", "-singlefile", pdf, image);
        Assert.Equal(qr, (await RunAsync("zbarimg", "--quiet", "--raw", image + ".png")).Trim());
        File.Copy(image + ".png", Path.Combine(BrowserFixture.ScreenshotDirectory, $"{name}-pdf-page-1.png"), overwrite: true);
        await RunAsync("pdftoppm", "-r", "70", "-f", paper.Pages.ToString(CultureInfo.InvariantCulture), "-l", paper.Pages.ToString(CultureInfo.InvariantCulture),
            "-png", "-singlefile", pdf, Path.Combine(BrowserFixture.ScreenshotDirectory, $"{name}-pdf-last-page"));
        return text;
    }

    /// <summary>A workbook's sheets in order, each as its rows keyed by header, read back with MiniExcel as a clerk's spreadsheet would.</summary>
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

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"{program} did not start");
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{program} {string.Join(' ', args)}: {await error}");
        return await output;
    }

    [GeneratedRegex(@"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts")]
    private static partial Regex PageSize();
}
