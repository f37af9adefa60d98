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
    }

    private static async Task<Ok<HandoverView>> PlanAsync(string code, PlanRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        var actor = http.Actor();
        await OperationsApi.FindAsync(db, actor, code, own: true, ct);
        var h = await Handovers.PlanAsync(db, actor, code, request.To, request.Port, request.Date, ct);
        return TypedResults.Ok(await ViewAsync(db, h, ct));
    }

    /// <summary>The manifest names every person handed over: the read is audited before it is answered.</summary>
    private static async Task<Ok<HandoverView>> GetAsync(Guid id, HttpContext http, ConcordDbContext db, AuditQueue audit, CancellationToken ct)
    {
        var actor = http.Actor();
        var handover = await Handovers.FindAsync(db, actor, id, ct);
        await audit.RecordAsync(actor, "handover.read", "Handover", id, $"{handover.Persons.Count} persons, {handover.Items.Count} items", ct);
        return TypedResults.Ok(await ViewAsync(db, handover, ct));
    }

    private static async Task<Ok<HandoverView>> DispatchAsync(Guid id, HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ViewAsync(db, await Handovers.DispatchAsync(db, http.Actor(), id, ct), ct));

    private static async Task<Ok<HandoverView>> ReceiveAsync(Guid id, ReceiptRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct)
    {
        // Line numbers stand in for rows so that a problem points at the line of the request that caused it.
        var lines = (request.Lines ?? []).Select((l, i) => new Handovers.ReceiptLine(
            l.Kind?.Trim().ToLowerInvariant() ?? "", l.Ref ?? "", l.Status?.Trim().ToLowerInvariant() ?? "", l.Sha256?.ToLowerInvariant(), l.Note, i + 1)).ToList();
        var h = await Handovers.ReceiveAsync(db, http.Actor(), id, lines, request.RestReceived, "receipt", ct);
        return TypedResults.Ok(await ViewAsync(db, h, ct));
    }

    private static async Task<Ok<HandoverView>> ResolveAsync(Guid id, ResolveRequest request, HttpContext http, ConcordDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await ViewAsync(db, await Handovers.ResolveAsync(db, http.Actor(), id, request.Ref, request.Note, ct), ct));

    private static async Task<HandoverView> ViewAsync(ConcordDbContext db, HandoverRecord h, CancellationToken ct)
    {
        var summary = await Handovers.SummarizeAsync(db, h, ct);
        var personIds = h.Persons.Select(p => p.PersonId).ToList();
        var rows = (await db.RosterRecords.AsNoTracking().Where(r => personIds.Contains(r.PersonId)).Select(r => new { r.PersonId, r.RosterNo }).ToListAsync(ct))
            .ToLookup(r => r.PersonId, r => r.RosterNo);
        var names = await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        var itemIds = h.Items.Select(i => i.SeizureId).ToList();
        var seizures = await db.Seizures.AsNoTracking().Where(s => itemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        return new HandoverView(summary,
            h.Persons.Select(p => new PersonLine(p.PersonId, rows[p.PersonId].Order(StringComparer.Ordinal).ToList(), names.GetValueOrDefault(p.PersonId),
                Status(p.Status), p.Note, p.Resolved)).OrderBy(p => p.RosterNos.FirstOrDefault(), StringComparer.Ordinal).ToList(),
            h.Items.Select(i => Line(i, seizures[i.SeizureId])).OrderBy(i => i.ItemNo, StringComparer.Ordinal).ToList());
    }

    private static ItemLine Line(HandoverItem i, Seizure s) =>
        new(i.SeizureId, s.ItemNo, s.Type.ToString().ToLowerInvariant(), s.Quantity, s.Sha256, Status(i.Status), i.ReceivedSha256, i.Note, i.Resolved);

    private static string Status(HandoverPersonStatus s) => s == HandoverPersonStatus.IdentityDisputed ? "identity_disputed" : s.ToString().ToLowerInvariant();
    private static string Status(HandoverItemStatus s) => s == HandoverItemStatus.HashMismatch ? "hash_mismatch" : s.ToString().ToLowerInvariant();
}
