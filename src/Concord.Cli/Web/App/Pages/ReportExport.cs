using System.Globalization;
using System.Text;
using Concord.Cli.Web.Security;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Reports;
using Concord.Core.Storage;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;

namespace Concord.Cli.Web.App.Pages;

/// <summary>The operation report as a CSV file (figure, key, value), for a spreadsheet or a press office; signed-in users only.</summary>
internal static class ReportExport
{
    public static void Map(WebApplication app) =>
        app.MapGet("/operations/{code}/report.csv", ExportAsync).RequireAuthorization(new AuthorizeAttribute { Roles = RoleTable.Reports }).ExcludeFromDescription();

    private static async Task<IResult> ExportAsync(string code, HttpContext http, ConcordDbContext db, ReadDatabase reads, AuditQueue audit, CancellationToken ct)
    {
        var actor = await http.User.ActorAsync(db, ct);
        OperationReport.Report report;
        try
        {
            await using var read = reads.Open();
            report = await OperationReport.BuildAsync(read, actor, code, audit, ct);
        }
        catch (ConcordException e) when (e.Error is NotFoundError)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ToCsv(report))).ToArray(),
            "text/csv; charset=utf-8", $"{report.Operation}-report.csv");
    }

    /// <summary>The report's cells, each written through <see cref="SpreadsheetCells"/> so that none runs as a formula.</summary>
    public static string ToCsv(OperationReport.Report r)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        void Row(string figure, string key, object value)
        {
            csv.WriteField(SpreadsheetCells.Text(figure));
            csv.WriteField(SpreadsheetCells.Text(key));
            csv.WriteField(SpreadsheetCells.Cell(value));
            csv.NextRecord();
        }
        Row("figure", "key", "value");
        Row("operation", "", r.Operation);
        Row("lead", "", r.Lead);
        Row("agency", "", r.Agency);
        Row("arrested", "persons", r.Arrested.Persons);
        Row("arrested", "roster_rows", r.Arrested.RosterRows);
        Row("arrested", "duplicates_merged", r.Arrested.DuplicatesMerged);
        foreach (var (k, v) in r.Arrested.ByNationality) Row("arrested_by_nationality", k, v);
        Row("key_figures", "total", r.KeyFigures.Total);
        foreach (var (k, v) in r.KeyFigures.ByRole) Row("key_figures_by_role", k, v);
        Row("fugitives", "confirmed", r.Fugitives.Confirmed);
        Row("fugitives", "pending_review", r.Fugitives.PendingReview);
        if (r.Targets is { } t)
        {
            Row("lead_targets", "total", t.Total);
            Row("lead_targets", "arrested", t.Arrested);
            Row("lead_targets", "in_review", t.InReview);
            Row("lead_targets", "at_large", t.AtLarge);
            Row("lead_targets", "not_matched", t.NotMatched);
        }
        Row("seizures", "items", r.Seizures.Items);
        Row("seizures", "units", r.Seizures.Units);
        foreach (var (k, v) in r.Seizures.ByType) Row("seizures_by_type", k, $"{v.Items} items / {v.Units} units");
        foreach (var h in r.Handovers)
            Row("handover", $"{h.Date} {h.Port} -> {h.To}", $"{h.PersonsReceived}/{h.Persons} persons received, {h.Items} items, {h.Units} units, {h.Status}");
        foreach (var (k, v) in r.Assignments.ByProvince) Row("assigned_by_province", k, v);
        Row("assigned", "unknown_province", r.Assignments.Unknown);
        Row("assigned", "total", r.Assignments.Total);
        Row("review", "open", r.ReviewOpen);
        return text.ToString();
    }
}
