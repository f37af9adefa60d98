using Concord.Matching;
using System.Globalization;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features;
using Concord.Core.Features.Imports;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Sharing;
using Concord.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Concord.Core.Features.Handover;

using HandoverRecord = Domain.Handover;

/// <summary>
/// Transfer of custody at a border port: a manifest built from custody decisions, dispatched, then received person by person
/// and item by item. Custody passes only for what was received; every discrepancy stays open until someone resolves it.
/// </summary>
public static class Handovers
{
    public sealed record Summary(Guid Id, string Operation, string From, string To, string Port, DateOnly Date, string State, int Persons, int Items, int Units,
        int PersonsReceived, int PersonsMissing, int PersonsDisputed, int ItemsReceived, int ItemsMissing, int ItemsHashMismatch, int OpenDiscrepancies)
    {
        /// <summary>Items still pending on a dispatched manifest that carry a recorded hash: "rest received" leaves them until their hash is entered.</summary>
        public IReadOnlyList<string> AwaitingHash { get; init; } = [];
    }

    public static async Task<HandoverRecord> PlanAsync(ConcordDbContext db, Actor actor, string operationCode, string toCode, string port, DateOnly date, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.PlanHandovers, "handover.plan", ct);
        var operation = await CreateOperation.FindAsync(db, actor, operationCode, ct);
        if (!actor.Sees(operation.AgencyId)) throw new ConcordException(new NotFoundError("operation", operationCode));
        if (string.IsNullOrWhiteSpace(port)) throw new ConcordException(new InvalidRequestError("port", new Phrase(ErrorTexts.BorderPortRequired)));
        var to = await Agencies.GetAsync(db, toCode, "to", ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var onManifest = await db.HandoverPersons.Where(hp => db.Handovers.Any(h => h.Id == hp.HandoverId && h.OperationId == operation.Id))
            .Select(hp => new { hp.PersonId, hp.Status }).ToListAsync(ct);
        var busyPersons = onManifest.Where(x => x.Status is HandoverPersonStatus.Pending or HandoverPersonStatus.Received).Select(x => x.PersonId).ToHashSet();
        var busyItems = (await db.HandoverItems.Where(hi => db.Handovers.Any(h => h.Id == hi.HandoverId && h.OperationId == operation.Id))
            .Where(hi => hi.Status == HandoverItemStatus.Pending || hi.Status == HandoverItemStatus.Received).Select(hi => hi.SeizureId).ToListAsync(ct)).ToHashSet();
        var persons = await db.Persons.Where(p => p.OperationId == operation.Id && p.CustodyState == CustodyState.Decided
                                                  && p.CustodyToAgencyId == to.Id && p.CustodyAgencyId != to.Id).ToListAsync(ct);
        var blocked = await Consents.BlockedAsync(db, persons.Select(p => p.Id).ToList(), to.Id, ct);
        if (blocked.Count > 0)
        {
            // Nothing of the plan is written; the refusal is kept.
            await tx.RollbackAsync(ct);
            throw await Consents.RefusedAsync(db, actor, blocked, to, "handover.plan", ct);
        }
        var items = await db.Seizures.Where(s => s.OperationId == operation.Id && s.DestinationAgencyId == to.Id && s.CustodyAgencyId != to.Id).ToListAsync(ct);
        var handover = new HandoverRecord { AgencyId = operation.AgencyId, OperationId = operation.Id, ToAgencyId = to.Id, Port = port.Trim(), Date = date };
        handover.Persons.AddRange(persons.Where(p => !busyPersons.Contains(p.Id)).Select(p => new HandoverPerson { HandoverId = handover.Id, PersonId = p.Id }));
        handover.Items.AddRange(items.Where(s => !busyItems.Contains(s.Id)).Select(s => new HandoverItem { HandoverId = handover.Id, SeizureId = s.Id }));
        if (handover.Persons.Count == 0 && handover.Items.Count == 0)
            throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.NothingDue, operation.Code, to.Code)));
        db.Handovers.Add(handover);
        db.Record(actor, "handover.plan", nameof(Domain.Handover), handover.Id,
            $"{operation.Code} -> {to.Code} at {handover.Port} on {date:yyyy-MM-dd}: persons={handover.Persons.Count} items={handover.Items.Count}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return handover;
    }

    /// <summary>The handover with its manifest lines, tracked for a change unless <paramref name="readOnly"/>; not found if the actor may not see it.</summary>
    public static async Task<HandoverRecord> FindAsync(ConcordDbContext db, Actor actor, Guid id, CancellationToken ct, bool readOnly = false)
    {
        var query = readOnly ? db.Handovers.AsNoTracking() : db.Handovers;
        var h = await query.Include(x => x.Persons).Include(x => x.Items).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (h is null || !actor.Sees(h.AgencyId, h.ToAgencyId)) throw await DenyAsync(db, actor, id, h is not null, ct);
        return h;
    }

    /// <summary>
    /// Whether the handover exists for the actor, without reading its manifest: what a page checks before it says
    /// anything, so that another agency's handover answers not found like one that does not exist.
    /// </summary>
    public static async Task EnsureVisibleAsync(ConcordDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        var h = await db.Handovers.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.AgencyId, x.ToAgencyId }).FirstOrDefaultAsync(ct);
        if (h is null || !actor.Sees(h.AgencyId, h.ToAgencyId)) throw await DenyAsync(db, actor, id, h is not null, ct);
    }

    /// <summary>The not-found answer for a handover the actor may not see; an attempt on one that exists is audited first.</summary>
    private static async Task<ConcordException> DenyAsync(ConcordDbContext db, Actor actor, Guid id, bool exists, CancellationToken ct)
    {
        if (exists)
        {
            db.Record(actor, "access.denied", nameof(Domain.Handover), id);
            await db.SaveChangesAsync(ct);
        }
        return new ConcordException(new NotFoundError("handover", id.ToString()));
    }

    /// <summary>
    /// What is still open when a manifest is about to leave, counted for the sender to weigh: the operation's open
    /// review tasks (and of those, about a key figure or a fugitive), persons whose custody awaits a reviewer, items on
    /// the manifest without a hash to check them by, and roster rows added since matching last ran.
    /// </summary>
    public sealed record Unresolved(int OpenTasks, int OpenTasksKeyOrFugitive, int CustodyExceptions, int ItemsWithoutHash, int RowsSinceMatch)
    {
        public bool Any => OpenTasks + CustodyExceptions + ItemsWithoutHash + RowsSinceMatch > 0;

        public override string ToString() =>
            $"open_tasks={OpenTasks} key_or_fugitive={OpenTasksKeyOrFugitive} custody_exceptions={CustodyExceptions} items_without_hash={ItemsWithoutHash} rows_since_match={RowsSinceMatch}";
    }

    /// <summary>What is unresolved before a handover the caller sends leaves (<see cref="Unresolved"/>).</summary>
    public static async Task<Unresolved> UnresolvedAsync(ConcordDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.PlanHandovers, "handover.dispatch", ct);
        var h = await FindAsync(db, actor, id, ct, readOnly: true);
        if (!actor.Sees(h.AgencyId)) throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.OnlySenderDispatches)));
        return await UnresolvedOfAsync(db, h, ct);
    }

    private static async Task<Unresolved> UnresolvedOfAsync(ConcordDbContext db, HandoverRecord h, CancellationToken ct)
    {
        var open = await db.ReviewTasks.AsNoTracking().Where(t => t.OperationId == h.OperationId && t.Status == ReviewTaskStatus.Open)
            .GroupBy(t => t.Priority <= 1).Select(g => new { Urgent = g.Key, Count = g.Count() }).ToListAsync(ct);
        var custody = await db.Persons.AsNoTracking().CountAsync(p => p.OperationId == h.OperationId && p.CustodyState == CustodyState.AwaitingReview, ct);
        var unhashed = await (from i in db.HandoverItems.AsNoTracking()
                              where i.HandoverId == h.Id
                              join s in db.Seizures on i.SeizureId equals s.Id
                              where s.Sha256 == null
                              select i.Id).CountAsync(ct);
        var since = await OperationViews.RowsSinceMatchAsync(db, h.OperationId, ct);
        return new Unresolved(open.Sum(o => o.Count), open.Where(o => o.Urgent).Sum(o => o.Count), custody, unhashed, since);
    }

    public static async Task<HandoverRecord> DispatchAsync(ConcordDbContext db, Actor actor, Guid id, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.PlanHandovers, "handover.dispatch", ct);
        var h = await FindAsync(db, actor, id, ct);
        if (!actor.Sees(h.AgencyId)) throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.OnlySenderDispatches)));
        if (h.State != HandoverState.Draft) throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.NotADraft, id.ToString(), h.State.ToString().ToLowerInvariant())));
        var unresolved = await UnresolvedOfAsync(db, h, ct);
        h.State = HandoverState.Dispatched;
        h.DispatchedAt = DateTime.UtcNow;
        db.Record(actor, "handover.dispatch", nameof(Domain.Handover), h.Id, unresolved.Any ? $"dispatched despite: {unresolved}" : null);
        // To an agency a partner node hosts, the signed manifest leaves with the dispatch.
        await Federation.HandoverPackets.QueueManifestIfRemoteAsync(db, actor, h, ct);
        await db.SaveChangesAsync(ct);
        return h;
    }

    public sealed record ReceiptLine(string Kind, string Ref, string Status, string? Sha256, string? Note, int Row);

    public static readonly CsvColumn[] ReceiptColumns = [new("kind", "类别", true), new("ref", "编号", true), new("status", "状态", true), new("sha256"), new("note", "备注")];

    public static IReadOnlyList<ReceiptLine> ReadReceipt(string path)
    {
        var table = CsvTable.Read(path, ReceiptColumns);
        var problems = new List<InputProblem>();
        var lines = new List<ReceiptLine>();
        foreach (var row in table.Rows)
        {
            var kind = row["kind"]?.ToLowerInvariant();
            var status = row["status"]?.ToLowerInvariant();
            if (kind is not ("person" or "item")) problems.Add(new(table.FileName, row.Row, "kind", new Phrase(ProblemTexts.NeitherPersonNorItem, row["kind"] ?? "")));
            else if (kind == "person" && status is not ("received" or "missing" or "identity_disputed"))
                problems.Add(new(table.FileName, row.Row, "status", new Phrase(ProblemTexts.NotPersonStatus, row["status"] ?? "")));
            else if (kind == "item" && status is not ("received" or "missing" or "hash_mismatch"))
                problems.Add(new(table.FileName, row.Row, "status", new Phrase(ProblemTexts.NotItemStatus, row["status"] ?? "")));
            lines.Add(new ReceiptLine(kind ?? "", row["ref"] ?? "", status ?? "", row["sha256"]?.ToLowerInvariant(), row["note"], row.Row));
        }
        Importer.ThrowIfAny(problems);
        return lines;
    }

    /// <summary>Enters the receipt: the given lines, and with <paramref name="restReceived"/> everything still pending as received.</summary>
    public static async Task<HandoverRecord> ReceiveAsync(ConcordDbContext db, Actor actor, Guid id, IReadOnlyList<ReceiptLine> lines, bool restReceived, string file, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ReceiveHandovers, "handover.receive", ct);
        var h = await FindAsync(db, actor, id, ct);
        if (!actor.Sees(h.ToAgencyId)) throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.OnlyReceiverReceives)));
        return await EnterReceiptAsync(db, actor, h, lines, restReceived, file, ct);
    }

    /// <summary>
    /// Enters a receipt on a dispatched (or partly received) handover, whoever entered it: the port officer here, or the
    /// receiving node's signed receipt (<see cref="Federation.HandoverPackets"/>). When the receipt completes a handover
    /// that a partner node's agency sent, the signed receipt is queued for it in the same unit of work.
    /// </summary>
    internal static async Task<HandoverRecord> EnterReceiptAsync(ConcordDbContext db, Actor actor, HandoverRecord h, IReadOnlyList<ReceiptLine> lines, bool restReceived, string file,
        CancellationToken ct)
    {
        var id = h.Id;
        if (h.State is not (HandoverState.Dispatched or HandoverState.Received))
            throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.OnlyDispatchedReceived, id.ToString(), h.State.ToString().ToLowerInvariant())));
        var wasReceived = h.State == HandoverState.Received;
        // A packet being applied has its own transaction (and savepoint): the receipt joins it.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var personIds = h.Persons.Select(p => p.PersonId).ToList();
        var rosterNos = await db.RosterRecords.Where(r => personIds.Contains(r.PersonId)).Select(r => new { r.RosterNo, r.PersonId }).ToListAsync(ct);
        var personByRef = rosterNos.ToDictionary(r => r.RosterNo, r => r.PersonId, StringComparer.Ordinal);
        var itemIds = h.Items.Select(i => i.SeizureId).ToList();
        var seizures = await db.Seizures.Where(s => itemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var itemByRef = seizures.Values.ToDictionary(s => s.ItemNo, s => s.Id, StringComparer.Ordinal);
        var problems = new List<InputProblem>();
        foreach (var line in lines)
        {
            if (line.Kind == "person")
            {
                if (!personByRef.TryGetValue(line.Ref, out var pid)) { problems.Add(new(file, line.Row, "ref", new Phrase(ProblemTexts.NotOnManifest, line.Ref))); continue; }
                var entry = h.Persons.First(p => p.PersonId == pid);
                entry.Status = line.Status switch { "received" => HandoverPersonStatus.Received, "missing" => HandoverPersonStatus.Missing, _ => HandoverPersonStatus.IdentityDisputed };
                entry.Note = line.Note;
                entry.Resolved = entry.Status == HandoverPersonStatus.Received;
            }
            else
            {
                if (!itemByRef.TryGetValue(line.Ref, out var sid)) { problems.Add(new(file, line.Row, "ref", new Phrase(ProblemTexts.NotOnManifest, line.Ref))); continue; }
                var entry = h.Items.First(i => i.SeizureId == sid);
                // A mismatch is final: the evidence's integrity was in doubt at the port, and a later "received" would erase that.
                if (entry.Status == HandoverItemStatus.HashMismatch)
                {
                    if (line.Status != "hash_mismatch") problems.Add(new(file, line.Row, "status", new Phrase(ProblemTexts.MismatchIsFinal, line.Ref)));
                    continue;
                }
                var expected = seizures[sid].Sha256;
                // An item with a recorded hash is received only with the hash read at the port. A line without one is refused
                // (with the rest of the receipt, so nothing is half entered) rather than taken as a mismatch: a hash left out is
                // the officer's omission, put right by reading it and entering the receipt again, while a mismatch is final
                // and would keep sound evidence from passing custody. A line with another hash is a mismatch.
                if (line.Status == "received" && expected is not null && string.IsNullOrEmpty(line.Sha256))
                {
                    problems.Add(new(file, line.Row, "sha256", new Phrase(ProblemTexts.HashNeeded, line.Ref)));
                    continue;
                }
                entry.ReceivedSha256 = line.Sha256;
                entry.Status = line.Status switch
                {
                    "missing" => HandoverItemStatus.Missing,
                    "hash_mismatch" => HandoverItemStatus.HashMismatch,
                    _ when expected is not null && line.Sha256 != expected => HandoverItemStatus.HashMismatch,
                    _ => HandoverItemStatus.Received,
                };
                entry.Note = line.Note;
                entry.Resolved = entry.Status == HandoverItemStatus.Received;
            }
        }
        Importer.ThrowIfAny(problems);
        if (restReceived)
        {
            foreach (var p in h.Persons.Where(p => p.Status == HandoverPersonStatus.Pending)) { p.Status = HandoverPersonStatus.Received; p.Resolved = true; }
            // An item with a recorded hash is never received wholesale: it stays pending until its hash is entered (see AwaitingHash).
            foreach (var i in h.Items.Where(i => i.Status == HandoverItemStatus.Pending && seizures[i.SeizureId].Sha256 is null)) { i.Status = HandoverItemStatus.Received; i.Resolved = true; }
        }
        // Custody moves only for what was received.
        var received = h.Persons.Where(p => p.Status == HandoverPersonStatus.Received).Select(p => p.PersonId).ToHashSet();
        foreach (var person in await db.Persons.Where(p => personIds.Contains(p.Id)).ToListAsync(ct))
            person.CustodyAgencyId = received.Contains(person.Id) ? h.ToAgencyId : h.AgencyId;
        foreach (var item in h.Items)
            seizures[item.SeizureId].CustodyAgencyId = item.Status == HandoverItemStatus.Received ? h.ToAgencyId : h.AgencyId;
        if (h.Persons.All(p => p.Status != HandoverPersonStatus.Pending) && h.Items.All(i => i.Status != HandoverItemStatus.Pending))
        {
            h.State = HandoverState.Received;
            h.ReceivedAt ??= DateTime.UtcNow;
        }
        db.Record(actor, "handover.receive", nameof(Domain.Handover), h.Id,
            string.Create(CultureInfo.InvariantCulture, $"lines={lines.Count} rest_received={restReceived} persons_received={received.Count}/{h.Persons.Count}"));
        if (!wasReceived && h.State == HandoverState.Received) await Federation.HandoverPackets.QueueReceiptIfRemoteAsync(db, actor, h, ct);
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return h;
    }

    /// <summary>
    /// Closes a discrepancy with a note; a handover closes when none is left open. Only the receiving agency resolves the
    /// discrepancies of its own receipt, and only a discrepancy: a received or pending line has none. Custody does not
    /// move: a resolved mismatch or missing line stays with the sender.
    /// </summary>
    public static async Task<HandoverRecord> ResolveAsync(ConcordDbContext db, Actor actor, Guid id, string reference, string note, CancellationToken ct)
    {
        await Access.RequireRoleAsync(db, actor, RoleTable.ResolveDiscrepancies, "handover.resolve", ct);
        var h = await FindAsync(db, actor, id, ct);
        if (!actor.Sees(h.ToAgencyId)) throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.OnlyReceiverResolves)));
        if (string.IsNullOrWhiteSpace(note)) throw new ConcordException(new InvalidRequestError("note", new Phrase(ErrorTexts.ResolveNoteRequired)));
        note = note.Trim();
        var personIds = h.Persons.Select(p => p.PersonId).ToList();
        var person = await db.RosterRecords.Where(r => personIds.Contains(r.PersonId) && r.RosterNo == reference).Select(r => (Guid?)r.PersonId).FirstOrDefaultAsync(ct);
        if (person is { } pid)
        {
            var e = h.Persons.First(p => p.PersonId == pid);
            if (e.Resolved || e.Status is HandoverPersonStatus.Pending or HandoverPersonStatus.Received)
                throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.NoOpenDiscrepancy, reference)));
            e.Resolved = true;
            e.Note = note;
        }
        else
        {
            var itemIds = h.Items.Select(i => i.SeizureId).ToList();
            var sid = await db.Seizures.Where(s => itemIds.Contains(s.Id) && s.ItemNo == reference).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct)
                ?? throw new ConcordException(new NotFoundError("manifest entry", reference));
            var e = h.Items.First(i => i.SeizureId == sid);
            if (e.Resolved || e.Status is HandoverItemStatus.Pending or HandoverItemStatus.Received)
                throw new ConcordException(new ConflictError(new Phrase(ErrorTexts.NoOpenDiscrepancy, reference)));
            e.Resolved = true;
            e.Note = note;
        }
        db.Record(actor, "handover.resolve", nameof(Domain.Handover), h.Id, $"{reference}: {note}");
        if (h.State == HandoverState.Received && h.Persons.All(p => p.Resolved) && h.Items.All(i => i.Resolved))
        {
            h.State = HandoverState.Closed;
            h.ClosedAt = DateTime.UtcNow;
            db.Record(actor, "handover.close", nameof(Domain.Handover), h.Id);
        }
        await db.SaveChangesAsync(ct);
        return h;
    }

    public static async Task<Summary> SummarizeAsync(ConcordDbContext db, HandoverRecord h, CancellationToken ct)
    {
        var agencies = await Agencies.CodesAsync(db, ct);
        var operation = await db.Operations.AsNoTracking().FirstAsync(o => o.Id == h.OperationId, ct);
        var units = await db.Seizures.AsNoTracking().Where(s => db.HandoverItems.Any(i => i.HandoverId == h.Id && i.SeizureId == s.Id)).SumAsync(s => s.Quantity, ct);
        var pendingItems = h.State == HandoverState.Dispatched ? h.Items.Where(i => i.Status == HandoverItemStatus.Pending).Select(i => i.SeizureId).ToList() : [];
        var awaitingHash = pendingItems.Count == 0 ? [] : await db.Seizures.AsNoTracking().Where(s => pendingItems.Contains(s.Id) && s.Sha256 != null)
            .OrderBy(s => s.ItemNo).Select(s => s.ItemNo).ToListAsync(ct);
        return new Summary(h.Id, operation.Code, agencies[h.AgencyId], agencies[h.ToAgencyId], h.Port, h.Date, h.State.ToString().ToLowerInvariant(),
            h.Persons.Count, h.Items.Count, units,
            h.Persons.Count(p => p.Status == HandoverPersonStatus.Received), h.Persons.Count(p => p.Status == HandoverPersonStatus.Missing),
            h.Persons.Count(p => p.Status == HandoverPersonStatus.IdentityDisputed), h.Items.Count(i => i.Status == HandoverItemStatus.Received),
            h.Items.Count(i => i.Status == HandoverItemStatus.Missing), h.Items.Count(i => i.Status == HandoverItemStatus.HashMismatch),
            h.Persons.Count(p => !p.Resolved && p.Status != HandoverPersonStatus.Pending) + h.Items.Count(i => !i.Resolved && i.Status != HandoverItemStatus.Pending))
        { AwaitingHash = awaitingHash };
    }
}
