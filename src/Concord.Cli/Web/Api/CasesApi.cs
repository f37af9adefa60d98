using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Cases;
using Concord.Core.Features.Imports;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Concord.Cli.Web.Api;

/// <summary>
/// Victims' reports, device extractions, the links between them and the freeze requests they lead to: the API's adapter
/// over the functions of <c>Concord.Core.Features.Cases</c>, as <c>concord reports|extractions|cases|freeze</c> is the terminal's.
/// </summary>
internal static class CasesApi
{
    public sealed record DecisionRequest(string? Reason);
    public sealed record ShareRequest(string To);
    public sealed record ShareResult(bool Shared, string To);
    public sealed record FraudTypeRequest(string FraudType);
    /// <param name="Deadline">By when the institution must answer; without an offset, the agency's local time.</param>
    public sealed record FreezeRequestBody(string AccountKind, string Account, string Institution, string Amount, string? Currency, string LegalBasis, string Deadline);
    /// <param name="Outcome">frozen, partly_frozen, no_funds or refused.</param>
    public sealed record FreezeAnswer(string Outcome, string? Frozen, string? Note);

    public static void Map(RouteGroupBuilder api)
    {
        // Uploads come from programs holding an API key, never from a browser session, so there is no cookie to forge.
        var reports = api.MapGroup("/reports").WithTags("Cases");
        reports.MapPost("/", ImportAsync).WithName("ImportReports")
            .WithSummary("Import victims' reports into the caller's agency: the form file 'file' (CSV or XLSX), all or nothing; the same file again changes nothing")
            .DisableAntiforgery();
        reports.MapPost("/one", AddAsync).WithName("AddReport")
            .WithSummary("Take down one report (JSON), checked as a file's row would be; 201 with the stored report, 200 when the same report was stored already");
        reports.MapGet("/{caseNo}", GetAsync).WithName("GetReport")
            .WithSummary("One report as the caller may read it (the victim by pseudonym unless the key's roles see victims), with its links; agency=CODE where two share a case number");
        reports.MapGet("/{caseNo}/links", LinksAsync).WithName("ListReportLinks").WithSummary("The links of one report the caller sees, with their evidence");
        reports.MapPut("/{caseNo}/fraud-type", FraudTypeAsync).WithName("SetFraudType").WithSummary("Confirm or correct a report's fraud type (a code or its Chinese name)");
        reports.MapPost("/{caseNo}/share", ShareReportAsync).WithName("ShareReport").WithSummary("Share a report with another agency; sharing again changes nothing");

        var extractions = api.MapGroup("/extractions").WithTags("Cases");
        extractions.MapPost("/", ExtractionsAsync).WithName("ImportExtraction")
            .WithSummary("Import what forensic tools extracted from seized items of an operation (form field 'operation'): JSON files, one per device, or extraction.csv with a CSV per table; form field 'share_with' shares the whole delivery with that agency")
            .DisableAntiforgery();
        extractions.MapPost("/{id:guid}/share", ShareExtractionAsync).WithName("ShareExtraction").WithSummary("Share an extraction with another agency; sharing again changes nothing");

        api.MapGroup("/cases").WithTags("Cases").MapPost("/link", LinkAsync).WithName("LinkCases")
            .WithSummary("Link the reports the caller sees to the suspects and dens whose devices used the same identifiers; each link waits for an officer");
        var links = api.MapGroup("/links").WithTags("Cases");
        links.MapPost("/{id:guid}/confirm", ConfirmAsync).WithName("ConfirmCaseLink").WithSummary("Confirm a link (a decided link again only with a reason)");
        links.MapPost("/{id:guid}/reject", RejectAsync).WithName("RejectCaseLink").WithSummary("Reject a link, with a reason: it is never proposed again");
        api.MapGroup("/losses").WithTags("Cases").MapGet("/{subject}/{id:guid}", LossesAsync).WithName("SubjectLosses")
            .WithSummary("What the reports linked to one person or den add up to (subject: person or den), from the links the caller sees");

        var freeze = api.MapGroup("/freeze-requests").WithTags("Cases");
        freeze.MapPost("/", RequestFreezeAsync).WithName("RequestFreeze").WithSummary("Ask a bank or platform to freeze an account the caller's cases lead to");
        freeze.MapPost("/{requestNo}/answer", AnswerFreezeAsync).WithName("AnswerFreeze").WithSummary("Enter the institution's answer to a freeze request, once");
        freeze.MapGet("/", ListFreezesAsync).WithName("ListFreezeRequests").WithSummary("The agency's freeze requests, the overdue first, each with whether it is overdue");
        freeze.MapGet("/totals", FreezeTotalsAsync).WithName("FreezeTotals").WithSummary("Per operation: requests, answers, the overdue, and the amounts asked and frozen");
    }

    private static async Task<Ok<ImportResult>> ImportAsync(IFormFile file, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        var agency = await ImportReports.AgencyAsync(db, actor, null, ct);
        var table = await Uploads.CsvFormFileAsync(file, "reports.csv", ImportReports.Columns, ct);
        return TypedResults.Ok(await ImportReports.RunAsync(db, actor, table, agency, ct));
    }

    private static async Task<Results<Created<ReportView>, Ok<ReportView>>> AddAsync(ImportReports.ReportForm report, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        var (stored, added) = await ImportReports.AddAsync(db, actor, report.ToInput(), ct);
        var view = await CaseReports.ViewAsync(db, actor, stored, AnswerToChange.Instance, ct);
        return added ? TypedResults.Created($"/api/v1/reports/{Uri.EscapeDataString(view.CaseNo)}?agency={Uri.EscapeDataString(view.Agency)}", view) : TypedResults.Ok(view);
    }

    private static async Task<Ok<ReportView>> GetAsync(string caseNo, string? agency, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct) =>
        TypedResults.Ok(await CaseReports.GetAsync(db, http.Actor(), caseNo, agency, audit, ct));

    private static async Task<Ok<IReadOnlyList<CaseLinkView>>> LinksAsync(string caseNo, string? agency, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        var report = await CaseAccess.ReportAsync(db, actor, caseNo, agency, ct);
        return TypedResults.Ok(await CaseLinks.OfReportAsync(db, actor, report.Id, ct));
    }

    private static async Task<Ok<ReportView>> FraudTypeAsync(string caseNo, string? agency, FraudTypeRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        var report = await CaseAccess.ReportAsync(db, actor, caseNo, agency, ct);
        await ReportFraudTypes.SetAsync(db, actor, report.Id, request.FraudType, ct);
        return TypedResults.Ok(await CaseReports.GetAsync(db, actor, report.Id.ToString(), null, AnswerToChange.Instance, ct));
    }

    private static async Task<Ok<ShareResult>> ShareReportAsync(string caseNo, string? agency, ShareRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        var report = await CaseAccess.ReportAsync(db, actor, caseNo, agency, ct);
        return TypedResults.Ok(new ShareResult(await CaseLinks.ShareAsync(db, actor, CaseAccess.Report, report.Id, request.To, ct), request.To));
    }

    private static async Task<Ok<ShareResult>> ShareExtractionAsync(Guid id, ShareRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new ShareResult(await CaseLinks.ShareAsync(db, http.Actor(), CaseAccess.ExtractionRecord, id, request.To, ct), request.To));

    private static async Task<Ok<IReadOnlyList<ImportResult>>> ExtractionsAsync([FromForm] string operation, [FromForm(Name = "share_with")] string? shareWith, IFormFileCollection files,
        HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var read = new List<(string Name, byte[] Bytes)>();
        foreach (var file in files) read.Add(await Uploads.FormFileAsync(file, "extraction.json", ct));
        return TypedResults.Ok((await ImportExtraction.DeliverAsync(db, http.Actor(), read, operation, shareWith, ct)).Imported);
    }

    private static async Task<Ok<LinkRun>> LinkAsync(HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await LinkReports.RunAsync(db, http.Actor(), ct));

    private static async Task<Ok<CaseLinkView>> ConfirmAsync(Guid id, DecisionRequest? request, HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await CaseLinks.DecideAsync(db, http.Actor(), id, true, request?.Reason, ct));

    private static async Task<Ok<CaseLinkView>> RejectAsync(Guid id, DecisionRequest? request, HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await CaseLinks.DecideAsync(db, http.Actor(), id, false, request?.Reason, ct));

    private static async Task<Ok<SubjectLosses>> LossesAsync(string subject, Guid id, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        if (!Enum.TryParse<CaseSubject>(subject, ignoreCase: true, out var kind) || kind is not (CaseSubject.Person or CaseSubject.Den))
            throw new ConcordException(new InvalidRequestError("subject", $"'{subject}' is not person or den"));
        return TypedResults.Ok(await CaseLosses.OfSubjectAsync(db, http.Actor(), kind, id, ct) ?? throw new ConcordException(new NotFoundError(subject, id.ToString())));
    }

    private static async Task<Ok<FreezeView>> RequestFreezeAsync(FreezeRequestBody request, HttpContext http, ConcordDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await FreezeRequests.CreateAsync(db, http.Actor(), new FreezeRequests.Request(request.AccountKind, request.Account, request.Institution, request.Amount,
            request.Currency ?? "", request.LegalBasis, request.Deadline), clock, ct));

    private static async Task<Ok<FreezeView>> AnswerFreezeAsync(string requestNo, FreezeAnswer answer, HttpContext http, ConcordDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await FreezeRequests.AnswerAsync(db, http.Actor(), requestNo, answer.Outcome, answer.Frozen, answer.Note, clock, ct));

    private static async Task<Ok<IReadOnlyList<FreezeView>>> ListFreezesAsync(HttpContext http, ConcordDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await FreezeRequests.ListAsync(db, http.Actor(), clock, ct));

    private static async Task<Ok<IReadOnlyList<FreezeTotals>>> FreezeTotalsAsync(HttpContext http, ConcordDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await FreezeRequests.TotalsAsync(db, http.Actor(), clock, ct));
}
