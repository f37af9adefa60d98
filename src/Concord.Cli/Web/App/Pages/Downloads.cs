using Concord.Cli.Web.Security;
using Concord.Cli.Web.Text;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Assignment;
using Concord.Core.Features.Handover;
using Concord.Core.Features.Reports;
using Concord.Core.Paper;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Authorization;

namespace Concord.Cli.Web.App.Pages;

/// <summary>
/// The files behind the pages' print and export buttons: the manifest and the receipt of a handover as PDFs and Excel
/// workbooks, the operation report and the assignment board as workbooks (one sheet per table, headers in the
/// officer's language). Each is one Core read (found, authorised and audited there); this only names the file.
/// </summary>
internal static class Downloads
{
    public static void Map(WebApplication app)
    {
        var handovers = new AuthorizeAttribute { Roles = RoleTable.ReadHandovers };
        app.MapGet("/handovers/{id:guid}/manifest.pdf", (Guid id, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct) =>
            PaperAsync(id, receipt: false, http, db, audit, ct)).RequireAuthorization(handovers).ExcludeFromDescription();
        app.MapGet("/handovers/{id:guid}/receipt.pdf", (Guid id, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct) =>
            PaperAsync(id, receipt: true, http, db, audit, ct)).RequireAuthorization(handovers).ExcludeFromDescription();
        app.MapGet("/handovers/{id:guid}/manifest.xlsx", (Guid id, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct) =>
            HandoverAsync(id, receipt: false, http, db, audit, ct)).RequireAuthorization(handovers).ExcludeFromDescription();
        app.MapGet("/handovers/{id:guid}/receipt.xlsx", (Guid id, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct) =>
            HandoverAsync(id, receipt: true, http, db, audit, ct)).RequireAuthorization(handovers).ExcludeFromDescription();
        app.MapGet("/operations/{code}/report.xlsx", ReportAsync).RequireAuthorization(new AuthorizeAttribute { Roles = RoleTable.Reports }).ExcludeFromDescription();
        app.MapGet("/assignments/export.xlsx", AssignmentsAsync).RequireAuthorization(new AuthorizeAttribute { Roles = RoleTable.ReadAssignments }).ExcludeFromDescription();
    }

    private static Task<IResult> PaperAsync(Guid id, bool receipt, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct) =>
        AnswerAsync(async () =>
        {
            var actor = await http.User.ActorAsync(db, ct);
            var paper = receipt
                ? await HandoverPaper.ReceiptAsync(db, actor, id, audit, UiText.Translate, ct)
                : await HandoverPaper.ManifestAsync(db, actor, id, audit, UiText.Translate, ct);
            return TypedResults.File(paper.Pdf, "application/pdf", paper.FileName);
        });

    private static Task<IResult> HandoverAsync(Guid id, bool receipt, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct) =>
        AnswerAsync(async () =>
        {
            var language = UiText.Current;
            var (xlsx, name) = await HandoverPaper.WorkbookAsync(db, await http.User.ActorAsync(db, ct), id, receipt, audit, e => UiText.Translate(e, language), ct);
            return TypedResults.File(xlsx, Spreadsheet.ContentType, name);
        });

    private static Task<IResult> ReportAsync(string code, HttpContext http, ConcordDbContext db, ReadDatabase reads, AuditQueue audit, CancellationToken ct) =>
        AnswerAsync(async () =>
        {
            var actor = await http.User.ActorAsync(db, ct);
            await using var read = reads.Open();
            var report = await OperationReport.BuildAsync(read, actor, code, audit, ct);
            return TypedResults.File(OperationReport.Workbook(report, UiText.Current, UiText.Translate), Spreadsheet.ContentType, $"{report.Operation}-report.xlsx");
        });

    private static Task<IResult> AssignmentsAsync(HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct) =>
        AnswerAsync(async () =>
        {
            var xlsx = await AssignmentBoard.WorkbookAsync(db, await http.User.ActorAsync(db, ct), audit, UiText.Current, UiText.Translate, ct);
            return TypedResults.File(xlsx, Spreadsheet.ContentType, $"assignments-{DateTime.UtcNow:yyyy-MM-dd}.xlsx");
        });

    private static async Task<IResult> AnswerAsync(Func<Task<IResult>> act)
    {
        try
        {
            return await act();
        }
        catch (ConcordException e) when (e.Error is NotFoundError)
        {
            return TypedResults.NotFound();
        }
        catch (ConcordException e) when (e.Error is ConflictError)
        {
            return TypedResults.Conflict(e.Error.Message);
        }
    }
}
