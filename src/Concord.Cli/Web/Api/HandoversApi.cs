using Concord.Core.Features;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Handover;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concord.Cli.Web.Api;

using HandoverRecord = Concord.Core.Domain.Handover;

internal static class HandoversApi
{
    public sealed record PlanRequest(string To, string Port, DateOnly Date);
    public sealed record ReceiptLineRequest(string Kind, string Ref, string Status, string? Sha256, string? Note);
    public sealed record ReceiptRequest(IReadOnlyList<ReceiptLineRequest>? Lines, bool RestReceived);
    public sealed record ResolveRequest(string Ref, string Note);
    public sealed record PersonLine(Guid PersonId, IReadOnlyList<string> RosterNos, string? Name, string Status, string? Note, bool Resolved);
    public sealed record ItemLine(Guid SeizureId, string ItemNo, string Type, int Quantity, string? Sha256, string Status, string? ReceivedSha256, string? Note, bool Resolved);
    public sealed record HandoverView(Handovers.Summary Summary, IReadOnlyList<PersonLine> Persons, IReadOnlyList<ItemLine> Items);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/operations/{code}/handovers", PlanAsync).WithTags("Handovers").WithName("PlanHandover")
            .WithSummary("Draw up the manifest of persons and items due to one agency at a port on a date");
        var group = api.MapGroup("/handovers").WithTags("Handovers");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetHandover").WithSummary("A handover with its manifest; seen by sender and receiver");
        group.MapPost("/{id:guid}/dispatch", DispatchAsync).WithName("DispatchHandover").WithSummary("The sender dispatches the handover");
        group.MapPost("/{id:guid}/receipt", ReceiveAsync).WithName("ReceiveHandover")
            .WithSummary("The receiver enters the receipt; custody passes only for what was received");
        group.MapPost("/{id:guid}/resolve", ResolveAsync).WithName("ResolveDiscrepancy").WithSummary("Close a discrepancy with a note");
        group.MapGet("/{id:guid}/manifest.pdf", (Guid id, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct) => PaperAsync(id, false, http, db, audit, ct))
            .WithName("PrintManifest").WithSummary("The manifest as a PDF on A4, in both parties' languages, with a QR code of its digest (header X-Paper-Digest)");
        group.MapGet("/{id:guid}/receipt.pdf", (Guid id, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct) => PaperAsync(id, true, http, db, audit, ct))
            .WithName("PrintReceipt").WithSummary("The receipt (the manifest as checked in at the port) as a PDF; once the handover was received");
    }

    private static async Task<FileContentHttpResult> PaperAsync(Guid id, bool receipt, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct)
    {
        var paper = receipt
            ? await HandoverPaper.ReceiptAsync(db, http.Actor(), id, audit, Text.UiText.Translate, ct)
            : await HandoverPaper.ManifestAsync(db, http.Actor(), id, audit, Text.UiText.Translate, ct);
        http.Response.Headers["X-Paper-Digest"] = paper.Digest;
        return TypedResults.File(paper.Pdf, "application/pdf", paper.FileName);
    }

    private static async Task<Ok<HandoverView>> PlanAsync(string code, PlanRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        await Access.OperationAsync(db, actor, code, own: true, ct);
        var h = await Handovers.PlanAsync(db, actor, code, request.To, request.Port, request.Date, ct);
        return TypedResults.Ok(await ViewAsync(db, http, h, ct));
    }

    private static async Task<Ok<HandoverView>> GetAsync(Guid id, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct) =>
        TypedResults.Ok(View(await HandoverViews.ReadAsync(db, http.Actor(), id, audit, ct)));

    private static async Task<Ok<HandoverView>> DispatchAsync(Guid id, HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ViewAsync(db, http, await Handovers.DispatchAsync(db, http.Actor(), id, ct), ct));

    private static async Task<Ok<HandoverView>> ReceiveAsync(Guid id, ReceiptRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        // Line numbers stand in for rows so that a problem points at the line of the request that caused it.
        var lines = (request.Lines ?? []).Select((l, i) => new Handovers.ReceiptLine(
            l.Kind?.Trim().ToLowerInvariant() ?? "", l.Ref ?? "", l.Status?.Trim().ToLowerInvariant() ?? "", l.Sha256?.ToLowerInvariant(), l.Note, i + 1)).ToList();
        var h = await Handovers.ReceiveAsync(db, http.Actor(), id, lines, request.RestReceived, "receipt", ct);
        return TypedResults.Ok(await ViewAsync(db, http, h, ct));
    }

    private static async Task<Ok<HandoverView>> ResolveAsync(Guid id, ResolveRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ViewAsync(db, http, await Handovers.ResolveAsync(db, http.Actor(), id, request.Ref, request.Note, ct), ct));

    private static async Task<HandoverView> ViewAsync(ConcordDbContext db, HttpContext http, HandoverRecord h, CancellationToken ct) =>
        View(await HandoverViews.ManifestAsync(db, http.Actor(), h, ct));

    private static HandoverView View(HandoverViews.Manifest m) => new(m.Summary,
        m.Persons.Select(p => new PersonLine(p.PersonId, p.RosterNos, p.DisplayName, p.Status, p.Note, p.Resolved)).ToList(),
        m.Items.Select(i => new ItemLine(i.SeizureId, i.ItemNo, i.Type, i.Quantity, i.Sha256, i.Status, i.ReceivedSha256, i.Note, i.Resolved)).ToList());
}
