using System.CommandLine;
using System.Globalization;
using Concord.Core.Domain;
using Concord.Core.Features.Cases;

namespace Concord.Cli.Cli;

/// <summary>`concord reports`, `concord extractions` and `concord cases`: victims' reports, what seized devices hold, and the links between them.</summary>
internal static class CaseCommands
{
    public static IEnumerable<Command> Build()
    {
        var agency = new Option<string?>("--agency") { Description = "the bureau's agency the reports belong to (the node's operator names one; a user's own otherwise)" };
        var reportsImport = Commands.ImportCommand("import victims' reports (CSV or XLSX; docs/cases.md)", (db, actor, file, p, ct) => ImportReports.RunAsync(db, actor, file, p.GetValue(agency), ct));
        reportsImport.Options.Add(agency);
        yield return Commands.Group("reports", "victims' reports", reportsImport);

        var operation = new Option<string>("--operation") { Description = "the operation whose seized item the extraction is of", Required = true };
        var path = new Argument<string>("PATH") { Description = "a JSON file, a folder of JSON files (all or nothing), or a folder in the CSV layout" };
        var shareWith = new Option<string?>("--share-with") { Description = "then share every extraction of the delivery (new or imported before) with this agency" };
        var extractionImport = new Command("import", "import forensic extractions of seized devices (docs/cases.md)") { path, operation, shareWith };
        extractionImport.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
        {
            var delivery = await ImportExtraction.DeliverAsync(db, actor, p.GetValue(path)!, p.GetValue(operation)!, p.GetValue(shareWith), ct);
            var lines = delivery.Imported.Select(r => r.AlreadyImported ? $"{r.Id}  {r.File}: already imported, nothing changed" : $"{r.Id}  {r.File}: {r.Rows} rows").ToList();
            if (delivery.SharedWith is { } agency) lines.Add($"{delivery.Shared} of {delivery.Imported.Count} newly shared with {agency}");
            return Commands.Done<object>(p, delivery.SharedWith is null ? delivery.Imported : delivery, string.Join("\n", lines));
        }));
        yield return Commands.Group("extractions", "what forensic tools extracted from seized devices", extractionImport);

        var link = new Command("link", "link the reports this agency sees to the suspects and dens whose devices used the same numbers, accounts and wallets");
        link.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
        {
            var r = await LinkReports.RunAsync(db, actor, ct);
            return Commands.Done(p, r, $"{r.Reports} reports with {r.Identifiers} identifiers: {r.ReportsLinked} linked; {r.Proposed} links proposed, {r.Refreshed} refreshed, {r.KeptDecided} already decided");
        }));
        var caseNo = new Argument<string>("CASE") { Description = "the report's case number (or id)" };
        var caseAgency = new Option<string?>("--agency") { Description = "the agency whose case number it is, where two share one" };
        var links = new Command("links", "the links of a report, with their evidence") { caseNo, caseAgency };
        links.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
        {
            var report = await CaseAccess.ReportAsync(db, actor, p.GetValue(caseNo)!, p.GetValue(caseAgency), ct);
            var views = await CaseLinks.OfReportAsync(db, actor, report.Id, ct);
            var lines = views.Select(v => $"{v.Id}  {v.Subject.ToString().ToLowerInvariant()} {v.SubjectRef}  {v.Method} {v.Status.ToString().ToLowerInvariant()}\n"
                + string.Join("\n", v.Evidence.Select(e => $"    {e.Kind} {e.Value} (written {e.ReportWritten}) = item {e.ItemNo}{(e.Den is null ? "" : " in " + e.Den)}{(e.Holder is null ? "" : " held by " + e.Holder)}, {e.Table} row {e.Row.ToString(CultureInfo.InvariantCulture)}")));
            return Commands.Done(p, views, views.Count == 0 ? $"{report.CaseNo}: no links" : string.Join("\n", lines));
        }));
        var linkId = new Argument<Guid>("LINK") { Description = "the link's id" };
        var reason = new Option<string?>("--reason") { Description = "why (needed to decide a decided link again)" };
        var confirm = new Command("confirm", "confirm a link: the report is the suspect's or the den's") { linkId, reason };
        var reject = new Command("reject", "reject a link: it is never proposed again") { linkId, reason };
        foreach (var (command, yes) in new[] { (confirm, true), (reject, false) })
        {
            command.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
            {
                var v = await CaseLinks.DecideAsync(db, actor, p.GetValue(linkId), yes, p.GetValue(reason), ct);
                return Commands.Done(p, v, $"{v.CaseNo} - {v.Subject.ToString().ToLowerInvariant()} {v.SubjectRef}: {v.Status.ToString().ToLowerInvariant()}");
            }));
        }
        var recordType = new Argument<string>("WHAT") { Description = "report or extraction" };
        var recordId = new Argument<Guid>("ID") { Description = "the report's or the extraction's id" };
        var to = new Option<string>("--to") { Description = "the agency to share with", Required = true };
        var share = new Command("share", "share a report or an extraction with another agency") { recordType, recordId, to };
        share.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
        {
            var added = await CaseLinks.ShareAsync(db, actor, p.GetValue(recordType)!, p.GetValue(recordId), p.GetValue(to)!, ct);
            return Commands.Done(p, new { shared = added }, added ? $"shared with {p.GetValue(to)}" : $"already shared with {p.GetValue(to)}");
        }));
        var reportId = new Argument<string>("CASE") { Description = "the report's case number (or id)" };
        var typeValue = new Argument<string>("TYPE") { Description = "the fraud type: a code (customer-service) or its Chinese name (客服诈骗)" };
        var fraudType = new Command("fraud-type", "confirm or correct a report's fraud type (the classifier's suggestion is shown by cases links)") { reportId, typeValue, caseAgency };
        fraudType.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
        {
            var report = await CaseAccess.ReportAsync(db, actor, p.GetValue(reportId)!, p.GetValue(caseAgency), ct);
            var r = await ReportFraudTypes.SetAsync(db, actor, report.Id, p.GetValue(typeValue)!, ct);
            return Commands.Done(p, new { case_no = r.CaseNo, fraud_type = r.FraudType, suggested = r.FraudTypeSuggested, confidence = r.FraudTypeConfidence },
                $"{r.CaseNo}: {r.FraudType} (suggested {r.FraudTypeSuggested ?? "-"})");
        }));
        var subject = new Argument<string>("SUBJECT") { Description = "the suspect's roster number or the den's code" };
        var format = new Option<string>("--format") { Description = "pdf or xlsx", Required = true };
        format.AcceptOnlyFromAmong(CaseExports.Pdf, CaseExports.Xlsx);
        var exportOut = new Option<string>("--out") { Description = "the file to write", Required = true };
        var exportLanguage = new Option<string>("--lang") { Description = "the language of the labels: en, zh or my", DefaultValueFactory = _ => "zh" };
        exportLanguage.AcceptOnlyFromAmong("en", "zh", "my");
        var export = new Command("export", "the reports, losses and every link's evidence of a suspect or den, for the prosecutor (docs/cases.md)") { subject, format, exportOut, exportLanguage };
        export.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
        {
            var file = await CaseExports.ExportAsync(db, actor, p.GetValue(subject)!, p.GetValue(format)!, p.GetValue(exportLanguage)!, Web.Text.UiText.Translate, ct);
            var path = Path.GetFullPath(p.GetValue(exportOut)!);
            await File.WriteAllBytesAsync(path, file.Bytes, ct);
            return Commands.Done(p, new { file = path, bytes = file.Bytes.Length }, $"{path}: {file.Bytes.Length} bytes");
        }));
        yield return Commands.Group("cases", "linking reports to suspects and dens", link, links, confirm, reject, share, fraudType, export);

        var kind = new Option<string>("--kind") { Description = "bank_card, bank_account, tron, ethereum, wechat or qq", Required = true };
        var account = new Option<string>("--account") { Description = "the account as written", Required = true };
        var institution = new Option<string>("--institution") { Description = "the bank or platform asked to freeze it", Required = true };
        var amount = new Option<string>("--amount") { Description = "the amount to freeze (50000, 1200 USDT)", Required = true };
        var currency = new Option<string?>("--currency") { Description = "its currency, when not written with the amount" };
        var basis = new Option<string>("--basis") { Description = "the legal basis of the request", Required = true };
        var deadline = new Option<string>("--deadline") { Description = "by when the institution must answer (without an offset: the agency's local time)", Required = true };
        var request = new Command("request", "ask a bank or platform to freeze an account the cases lead to") { kind, account, institution, amount, currency, basis, deadline };
        request.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
        {
            var v = await FreezeRequests.CreateAsync(db, actor, new FreezeRequests.Request(p.GetValue(kind)!, p.GetValue(account)!, p.GetValue(institution)!, p.GetValue(amount)!,
                p.GetValue(currency) ?? "", p.GetValue(basis)!, p.GetValue(deadline)!), TimeProvider.System, ct);
            return Commands.Done(p, v, $"{v.RequestNo}: {v.AccountKind} {v.Account} at {v.Institution}, {v.Amount} {v.Currency} by {v.Deadline:yyyy-MM-dd HH:mm}Z ({v.Reports.Count} reports)");
        }));
        var requestNo = new Argument<string>("REQUEST") { Description = "the request's number (FR-…)" };
        var outcome = new Option<string>("--outcome") { Description = "frozen, partly-frozen, no-funds or refused", Required = true };
        var frozen = new Option<string?>("--frozen") { Description = "the amount frozen" };
        var note = new Option<string?>("--note") { Description = "the institution's reference or words" };
        var answer = new Command("answer", "enter the institution's answer to a freeze request") { requestNo, outcome, frozen, note };
        answer.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
        {
            var v = await FreezeRequests.AnswerAsync(db, actor, p.GetValue(requestNo)!, p.GetValue(outcome)!, p.GetValue(frozen), p.GetValue(note), TimeProvider.System, ct);
            return Commands.Done(p, v, $"{v.RequestNo}: {v.Outcome?.ToString().ToLowerInvariant()}{(v.FrozenAmount is { } f ? $", {f} {v.Currency} frozen" : "")}");
        }));
        var list = new Command("list", "the agency's freeze requests, the overdue first, and the totals per operation");
        list.SetAction((p, ct) => Commands.Run(p, ct, async (db, _, actor) =>
        {
            var all = await FreezeRequests.ListAsync(db, actor, TimeProvider.System, ct);
            var totals = await FreezeRequests.TotalsAsync(db, actor, TimeProvider.System, ct);
            var lines = all.Select(v => $"{v.RequestNo}  {(v.Overdue ? "OVERDUE " : "")}{v.Status.ToString().ToLowerInvariant()}  {v.AccountKind} {v.Account}  {v.Amount} {v.Currency}  by {v.Deadline:yyyy-MM-dd HH:mm}Z")
                .Concat(totals.Select(t => $"{(t.Operation.Length == 0 ? "(no operation)" : t.Operation)}: {t.Requests} requests, {t.Answered} answered, {t.Overdue} overdue; frozen {string.Join(", ", t.Frozen.Select(m => $"{m.Amount} {m.Currency}"))}"));
            return Commands.Done(p, new { requests = all, totals }, all.Count == 0 ? "no freeze requests" : string.Join("\n", lines));
        }));
        yield return Commands.Group("freeze", "freeze requests to banks and payment platforms", request, answer, list);
    }
}
