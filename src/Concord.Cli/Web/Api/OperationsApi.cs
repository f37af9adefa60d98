using System.Text;
using Concord.Core.Features;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Imports;
using Concord.Core.Features.Intake;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Reports;
using Concord.Core.Features.Review;
using Concord.Core.Features.Seizures;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Web.Api;

internal static class OperationsApi
{
    /// <param name="TimeZone">The IANA zone in which the field's times without an offset are read; by default that of the agency's country.</param>
    public sealed record CreateRequest(string Code, string Lead, string? TimeZone = null);
    public sealed record OperationView(Guid Id, string Code, string Agency, string Lead, string LeadFrom, DateTime CreatedAt, string TimeZone);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/operations").WithTags("Operations");
        group.MapPost("/", CreateAsync).WithName("CreateOperation").WithSummary("Open an operation of the caller's agency on a lead it received");
        group.MapGet("/{code}", GetAsync).WithName("GetOperation").WithSummary("One operation: seen by its agency and by the lead's sender");
        group.MapPost("/{code}/roster", RosterAsync).WithName("ImportRoster").WithSummary("Import arrest roster rows (text/csv body)").Accepts<string>("text/csv");
        group.MapPost("/{code}/seizures", SeizuresAsync).WithName("ImportSeizures").WithSummary("Import seized items (text/csv body)").Accepts<string>("text/csv");
        group.MapPost("/{code}/match", MatchAsync).WithName("MatchOperation")
            .WithSummary("Match every arrested person against wanted lists, the lead's targets and known persons");
        group.MapPost("/{code}/roster/{rosterNo}/correction", CorrectAsync).WithName("CorrectRoster")
            .WithSummary("Correct a roster row with what the field learnt (birth date, sex, identity document); the person is matched again at once");
        group.MapGet("/{code}/review", ReviewAsync).WithName("ListReview").WithSummary("The review tasks, one per arrested person, key figures and fugitives first, each with its candidates ranked");
        group.MapPost("/{code}/review/decisions", DecideAsync).WithName("DecideReview")
            .WithSummary("Decide review tasks (confirm one candidate, reject all, or send back to identify), all or none");
        group.MapPost("/{code}/custody", CustodyAsync).WithName("DecideCustody").WithSummary("Sort arrested persons and items by the agreement's custody rules");
        group.MapGet("/{code}/report", ReportAsync).WithName("OperationReport").WithSummary("Every figure of the operation report");
        group.MapGet("/{code}/report.txt", ReportTextAsync).WithName("OperationReportText").WithSummary("The operation report as text, lang=en or zh");
    }

    private static async Task<Ok<OperationView>> CreateAsync(CreateRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        var own = await Access.OwnCodeAsync(db, actor, ct);
        var operation = await CreateOperation.RunAsync(db, actor, request.Code, request.Lead, own, ct, request.TimeZone);
        return TypedResults.Ok(await ViewAsync(db, operation, ct));
    }

    private static async Task<Ok<OperationView>> GetAsync(string code, HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ViewAsync(db, await Access.OperationAsync(db, http.Actor(), code, own: false, ct), ct));

    private static async Task<Ok<ImportResult>> RosterAsync(string code, string? file, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        var operation = await Access.OperationAsync(db, actor, code, own: true, ct);
        var table = await Uploads.CsvBodyAsync(http.Request, file, "roster.csv", ImportRoster.Columns, ct);
        return TypedResults.Ok(await ImportRoster.RunAsync(db, actor, table, operation, ct));
    }

    private static async Task<Ok<ImportResult>> SeizuresAsync(string code, string? file, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        var operation = await Access.OperationAsync(db, actor, code, own: true, ct);
        var table = await Uploads.CsvBodyAsync(http.Request, file, "seizures.csv", ImportSeizures.Columns, ct);
        return TypedResults.Ok(await ImportSeizures.RunAsync(db, actor, table, operation, ct));
    }

    /// <summary>Thresholds for a match run: a default pair and, per list (wanted, target, person, roster), "ACCEPT:REVIEW".</summary>
    public sealed record MatchRequest(double? Accept, double? Review, Dictionary<string, string>? Thresholds);

    private static async Task<Ok<MatchOperation.Summary>> MatchAsync(string code, MatchRequest? request, HttpContext http, ConcordDbContext db, NodeWantedIndex wanted, CancellationToken ct)
    {
        var actor = http.Actor();
        await Access.OperationAsync(db, actor, code, own: true, ct);
        var settings = MatchSettings.Parse(request?.Accept, request?.Review, request?.Thresholds?.Select(kv => $"{kv.Key}={kv.Value}") ?? []);
        return TypedResults.Ok(await MatchOperation.RunAsync(db, actor, code, settings, ct, await wanted.GetAsync(db, ct)));
    }

    private static async Task<Ok<IReadOnlyList<ReviewQueue.TaskView>>> ReviewAsync(string code, bool? open, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct)
    {
        var actor = http.Actor();
        var operation = await Access.OperationAsync(db, actor, code, own: true, ct);
        var tasks = await ReviewQueue.TasksAsync(db, actor, operation, open ?? true, ct);
        await audit.RecordAsync(actor, "review.read", nameof(Operation), operation.Id, $"tasks={tasks.Count}", ct);
        return TypedResults.Ok(tasks);
    }

    /// <summary>One decision of a list: a task or one of its candidates (id), confirm | reject | needs-identification, the candidate to confirm (its list reference) and why.</summary>
    public sealed record DecisionLine(string? Id, string? Decision, string? Candidate, string? Reason);
    public sealed record DecisionsRequest(IReadOnlyList<DecisionLine>? Decisions);

    /// <summary>A refused decision is named by its position in the list (from 1) and its field.</summary>
    private static async Task<Ok<ReviewDecisions.Result>> DecideAsync(string code, DecisionsRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        var operation = await Access.OperationAsync(db, actor, code, own: true, ct);
        var lines = request.Decisions ?? [];
        var decisions = lines.Select((d, i) => new ReviewDecisions.Decision(i + 1, d.Id, d.Decision, d.Candidate, d.Reason)).ToList();
        return TypedResults.Ok(await ReviewDecisions.DecideAsync(db, actor, operation, decisions, "decisions", ct));
    }

    public sealed record CorrectionRequest(string? BirthDate, string? Sex, string? IdType, string? IdNumber, string? Reason);

    private static async Task<Ok<CorrectRoster.Result>> CorrectAsync(string code, string rosterNo, CorrectionRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        await Access.OperationAsync(db, actor, code, own: true, ct);
        return TypedResults.Ok(await CorrectRoster.RunAsync(db, actor, code, rosterNo,
            new CorrectRoster.Correction(request.BirthDate, request.Sex, request.IdType, request.IdNumber, request.Reason), ct));
    }

    private static async Task<Ok<DecideCustody.Summary>> CustodyAsync(string code, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        await Access.OperationAsync(db, actor, code, own: true, ct);
        return TypedResults.Ok(await DecideCustody.RunAsync(db, actor, code, ct));
    }

    private static async Task<Ok<OperationReport.Report>> ReportAsync(string code, HttpContext http, ConcordDbContext db, ReadDatabase reads, AuditQueue audit, CancellationToken ct) =>
        TypedResults.Ok(await ReadReportAsync(code, http, db, reads, audit, ct));

    private static async Task<ContentHttpResult> ReportTextAsync(string code, string? lang, HttpContext http, ConcordDbContext db, ReadDatabase reads, AuditQueue audit, CancellationToken ct)
    {
        if (lang is not (null or "en" or "zh")) throw new ConcordException(new InvalidRequestError("lang", $"'{lang}' is not en or zh"));
        var report = await ReadReportAsync(code, http, db, reads, audit, ct);
        return TypedResults.Text(OperationReport.ToText(report, lang ?? "en"), "text/plain; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>
    /// The report: the caller's right to the operation is checked (and a refusal audited) on the primary, the figures are
    /// read where reads go (a standby, with --read-db), and the reading is audited through the node's queue.
    /// </summary>
    private static async Task<OperationReport.Report> ReadReportAsync(string code, HttpContext http, ConcordDbContext db, ReadDatabase reads, AuditQueue audit, CancellationToken ct)
    {
        var actor = http.Actor();
        await Access.OperationAsync(db, actor, code, own: false, ct);
        await using var read = reads.Open();
        return await OperationReport.BuildAsync(read, actor, code, audit, ct);
    }

    private static async Task<OperationView> ViewAsync(ConcordDbContext db, Operation operation, CancellationToken ct)
    {
        var codes = await Agencies.CodesAsync(db, ct);
        // Every way to an operation (Access.OperationAsync, CreateOperation) brings its lead with it.
        var lead = operation.Lead ?? throw new InvalidOperationException($"operation {operation.Code} was read without its lead");
        return new OperationView(operation.Id, operation.Code, codes[operation.AgencyId], lead.Code, codes[lead.AgencyId], operation.CreatedAt, operation.TimeZone);
    }
}
