using System.Text;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Features.Reports;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concord.Cli.Web.Api;

/// <summary>Reports over every operation the caller's agency sees.</summary>
internal static class ReportsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports").WithTags("Reports");
        group.MapGet("/cumulative", CumulativeAsync).WithName("CumulativeReport")
            .WithSummary("arrests, handovers by year and port, assignments by province, fugitive share: every operation the caller sees");
        group.MapGet("/cumulative.txt", CumulativeTextAsync).WithName("CumulativeReportText");
    }

    /// <summary>Read where reads go (a standby, with --read-db); the reading is audited through the node's queue.</summary>
    private static async Task<CumulativeReport.Report> ReadAsync(HttpContext http, ReadDatabase reads, AuditQueue audit, CancellationToken ct)
    {
        await using var db = reads.Open();
        return await CumulativeReport.BuildAsync(db, http.Actor(), audit, ct);
    }

    private static async Task<Ok<CumulativeReport.Report>> CumulativeAsync(HttpContext http, ReadDatabase reads, AuditQueue audit, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(http, reads, audit, ct));

    private static async Task<ContentHttpResult> CumulativeTextAsync(string? lang, HttpContext http, ReadDatabase reads, AuditQueue audit, CancellationToken ct)
    {
        if (lang is not (null or "en" or "zh" or "my")) throw new ConcordException(new InvalidRequestError("lang", $"'{lang}' is not en, zh or my"));
        var report = await ReadAsync(http, reads, audit, ct);
        return TypedResults.Text(CumulativeReport.ToText(report, lang ?? "en"), "text/plain; charset=utf-8", Encoding.UTF8);
    }
}
