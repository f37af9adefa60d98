using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Assignment;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Handover;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Review;
using Concord.Core.Features.Seizures;
using Concord.Core.Storage;
using Concord.Tests.Infrastructure;
using Concord.Tests.Review;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Handover;

/// <summary>
/// A handover's receipt cannot be bent: a hashed item is received only with its hash, a mismatch is final until the
/// receiver resolves it, only the receiver receives and resolves, only the sender dispatches; every refusal leaves custody
/// as it was.
/// </summary>
public sealed class HandoverIntegrityTests
{
    private const string ShaA = "6cc4823be1341dbe91c2295de86fbdd4cc1e56f197f180f9732de1f765bc6647";
    private const string ShaB = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string Other = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private sealed record Setup(Guid Handover, Actor Mm, Actor Cn);

    /// <summary>The Muse operation with 30 arrestees and three unheld items for CN-MPS (two with a hash), custody decided, a handover planned.</summary>
    private static async Task<Setup> PlannedAsync(ConcordDbContext db)
    {
        await Scenario.AgreementLeadOperationAsync(db);
        await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", Scenario.RosterLines(30)), Scenario.Operation, default);
        string[] seizures =
        [
            "item_no,den,type,description,quantity,seized_at,unit,sha256,holder_roster_no",
            $"T-H1,MUSE-D01,computer,desktop computer,1,2024-03-24T12:08:00+06:30,Muse District Police,{ShaA},",
            $"T-H2,MUSE-D01,phone,phone,1,2024-03-24T12:09:00+06:30,Muse District Police,{ShaB},",
            "T-P1,MUSE-D01,document,ledger,1,2024-03-24T12:10:00+06:30,Muse District Police,,",
        ];
        await ImportSeizures.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("seizures.csv", seizures), Scenario.Operation, default);
        await DecideCustody.RunAsync(db, Scenario.Operator, Scenario.Operation, default);
        var mm = new Actor("mm.commander", await AgencyAsync(db, "MM-MPF"));
        var cn = new Actor("cn.port", await AgencyAsync(db, "CN-MPS"));
        var h = await Handovers.PlanAsync(db, mm, Scenario.Operation, "CN-MPS", "Ruili", new DateOnly(2024, 3, 31), default);
        Assert.Equal(3, h.Items.Count);
        Assert.NotEmpty(h.Persons);
        return new Setup(h.Id, mm, cn);
    }

    private static async Task<Setup> DispatchedAsync(ConcordDbContext db)
    {
        var s = await PlannedAsync(db);
        await Handovers.DispatchAsync(db, s.Mm, s.Handover, default);
        db.ChangeTracker.Clear();
        return s;
    }

    private static async Task<Guid> AgencyAsync(ConcordDbContext db, string code) => await db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();

    /// <summary>Who holds every person and item, and every manifest line: equal before and after means custody did not move.</summary>
    private static async Task<string> CustodyAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var persons = await db.Persons.AsNoTracking().OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.CustodyAgencyId}:{p.CustodyState}:{p.CustodyToAgencyId}").ToListAsync();
        var items = await db.Seizures.AsNoTracking().OrderBy(s => s.Id).Select(s => $"{s.Id}:{s.CustodyAgencyId}:{s.DestinationAgencyId}").ToListAsync();
        var lines = await db.HandoverItems.AsNoTracking().OrderBy(i => i.Id).Select(i => $"{i.Id}:{i.Status}:{i.Resolved}:{i.ReceivedSha256}").ToListAsync();
        var people = await db.HandoverPersons.AsNoTracking().OrderBy(i => i.Id).Select(i => $"{i.Id}:{i.Status}:{i.Resolved}").ToListAsync();
        var handovers = await db.Handovers.AsNoTracking().OrderBy(h => h.Id).Select(h => $"{h.Id}:{h.State}").ToListAsync();
        var assignments = await db.Assignments.AsNoTracking().OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.BureauAgencyId}:{a.Method}").ToListAsync();
        return string.Join('\n', persons.Concat(items).Concat(lines).Concat(people).Concat(handovers).Concat(assignments));
    }

    private static Handovers.ReceiptLine Item(string no, string status, string? sha, int row = 1) => new("item", no, status, sha, null, row);

    private static async Task<HandoverItem> LineAsync(TestDatabase database, string itemNo)
    {
        await using var db = database.Open();
        var id = await db.Seizures.Where(s => s.ItemNo == itemNo).Select(s => s.Id).SingleAsync();
        return await db.HandoverItems.AsNoTracking().SingleAsync(i => i.SeizureId == id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReceiptWithoutHash_ForHashedItem_IsRefused_AndCustodyStays(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Setup s;
        await using (var db = database.Open()) s = await DispatchedAsync(db);
        var before = await CustodyAsync(database);

        await using (var db = database.Open())
        {
            var refused = await Assert.ThrowsAsync<ConcordException>(() => Handovers.ReceiveAsync(db, s.Cn, s.Handover,
                [Item("T-P1", "received", null, 1), Item("T-H1", "received", null, 2)], restReceived: false, "receipt.csv", default));
            var problem = Assert.Single(Assert.IsType<InvalidInputError>(refused.Error).Problems);
            Assert.Equal((2, "sha256", ProblemTexts.HashNeeded), (problem.Row, problem.Column, problem.Phrase?.Template));
            Assert.Contains("T-H1", problem.Detail, StringComparison.Ordinal);
        }
        Assert.Equal(before, await CustodyAsync(database));

        // Another hash is a mismatch, never "received": the item stays with the sender.
        await using (var db = database.Open())
            await Handovers.ReceiveAsync(db, s.Cn, s.Handover, [Item("T-H1", "received", Other)], restReceived: false, "receipt.csv", default);
        var line = await LineAsync(database, "T-H1");
        Assert.Equal((HandoverItemStatus.HashMismatch, false, Other), (line.Status, line.Resolved, line.ReceivedSha256));
        await using (var db = database.Open())
            Assert.Equal(s.Mm.AgencyId, (await db.Seizures.SingleAsync(x => x.ItemNo == "T-H1")).CustodyAgencyId);

        // The matching hash receives it.
        await using (var db = database.Open())
            await Handovers.ReceiveAsync(db, s.Cn, s.Handover, [Item("T-H2", "received", ShaB)], restReceived: false, "receipt.csv", default);
        Assert.Equal(HandoverItemStatus.Received, (await LineAsync(database, "T-H2")).Status);
        await using (var db = database.Open())
            Assert.Equal(s.Cn.AgencyId, (await db.Seizures.SingleAsync(x => x.ItemNo == "T-H2")).CustodyAgencyId);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RestReceived_NeverCoversHashedItems_AndNamesThem(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Setup s;
        await using (var db = database.Open()) s = await DispatchedAsync(db);
        await using (var db = database.Open())
        {
            var h = await Handovers.ReceiveAsync(db, s.Cn, s.Handover, [], restReceived: true, "", default);
            var summary = await Handovers.SummarizeAsync(db, h, default);
            Assert.Equal(["T-H1", "T-H2"], summary.AwaitingHash);
            Assert.Equal("dispatched", summary.State);
            Assert.Equal(1, summary.ItemsReceived);
        }
        Assert.Equal(HandoverItemStatus.Pending, (await LineAsync(database, "T-H1")).Status);
        Assert.Equal(HandoverItemStatus.Received, (await LineAsync(database, "T-P1")).Status);
        await using (var db = database.Open())
        {
            var h = await Handovers.ReceiveAsync(db, s.Cn, s.Handover, [Item("T-H1", "received", ShaA, 1), Item("T-H2", "received", ShaB, 2)], restReceived: false, "r.csv", default);
            var summary = await Handovers.SummarizeAsync(db, h, default);
            Assert.Equal(("received", 3), (summary.State, summary.ItemsReceived));
            Assert.Empty(summary.AwaitingHash);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReReceivingMismatchedItem_IsRefused_AndTheMismatchStays(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Setup s;
        await using (var db = database.Open()) s = await DispatchedAsync(db);
        await using (var db = database.Open())
            await Handovers.ReceiveAsync(db, s.Cn, s.Handover, [Item("T-H1", "hash_mismatch", Other)], restReceived: false, "r.csv", default);
        var before = await CustodyAsync(database);

        foreach (var again in new[] { Item("T-H1", "received", ShaA), Item("T-H1", "received", null), Item("T-H1", "missing", null) })
        {
            await using var db = database.Open();
            var refused = await Assert.ThrowsAsync<ConcordException>(() => Handovers.ReceiveAsync(db, s.Cn, s.Handover, [again], restReceived: true, "r.csv", default));
            var problem = Assert.Single(Assert.IsType<InvalidInputError>(refused.Error).Problems);
            Assert.Equal(("status", ProblemTexts.MismatchIsFinal), (problem.Column, problem.Phrase?.Template));
            Assert.Equal(before, await CustodyAsync(database));
        }
        Assert.Equal((HandoverItemStatus.HashMismatch, false), ((await LineAsync(database, "T-H1")).Status, (await LineAsync(database, "T-H1")).Resolved));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SenderResolving_IsRefused_OnlyTheReceiverResolvesWithANote(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Setup s;
        await using (var db = database.Open()) s = await DispatchedAsync(db);
        await using (var db = database.Open())
            await Handovers.ReceiveAsync(db, s.Cn, s.Handover, [Item("T-H1", "received", Other)], restReceived: false, "r.csv", default);
        var before = await CustodyAsync(database);

        await using (var db = database.Open())
        {
            var refused = await Assert.ThrowsAsync<ConcordException>(() => Handovers.ResolveAsync(db, s.Mm, s.Handover, "T-H1", "we checked it", default));
            Assert.Equal(ErrorTexts.OnlyReceiverResolves, Assert.IsType<ConflictError>(refused.Error).Phrase?.Template);
        }
        await using (var db = database.Open())
        {
            // The sender never receives either.
            var refused = await Assert.ThrowsAsync<ConcordException>(() => Handovers.ReceiveAsync(db, s.Mm, s.Handover, [Item("T-P1", "received", null)], restReceived: true, "r.csv", default));
            Assert.Equal(ErrorTexts.OnlyReceiverReceives, Assert.IsType<ConflictError>(refused.Error).Phrase?.Template);
        }
        await using (var db = database.Open())
        {
            var noNote = await Assert.ThrowsAsync<ConcordException>(() => Handovers.ResolveAsync(db, s.Cn, s.Handover, "T-H1", "  ", default));
            Assert.Equal("note", Assert.IsType<InvalidRequestError>(noNote.Error).Field);
            var nothingOpen = await Assert.ThrowsAsync<ConcordException>(() => Handovers.ResolveAsync(db, s.Cn, s.Handover, "T-P1", "fine", default));
            Assert.Equal(ErrorTexts.NoOpenDiscrepancy, Assert.IsType<ConflictError>(nothingOpen.Error).Phrase?.Template);
        }
        Assert.Equal(before, await CustodyAsync(database));

        await using (var db = database.Open())
            await Handovers.ResolveAsync(db, s.Cn, s.Handover, "T-H1", "seal broken; sent back for a new image", default);
        var line = await LineAsync(database, "T-H1");
        Assert.Equal((HandoverItemStatus.HashMismatch, true, "seal broken; sent back for a new image"), (line.Status, line.Resolved, line.Note));
        await using (var db = database.Open())
        {
            Assert.Equal(s.Mm.AgencyId, (await db.Seizures.SingleAsync(x => x.ItemNo == "T-H1")).CustodyAgencyId);
            var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "handover.resolve").SingleAsync();
            Assert.Equal(("cn.port", s.Cn.AgencyId), (audit.Actor, audit.AgencyId));
            var again = await Assert.ThrowsAsync<ConcordException>(() => Handovers.ResolveAsync(db, s.Cn, s.Handover, "T-H1", "again", default));
            Assert.Equal(ErrorTexts.NoOpenDiscrepancy, Assert.IsType<ConflictError>(again.Error).Phrase?.Template);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DispatchByTheWrongAgency_IsRefused_AndCustodyStays(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Setup s;
        await using (var db = database.Open()) s = await PlannedAsync(db);
        var before = await CustodyAsync(database);
        await using (var db = database.Open())
        {
            var refused = await Assert.ThrowsAsync<ConcordException>(() => Handovers.DispatchAsync(db, s.Cn, s.Handover, default));
            Assert.Equal(ErrorTexts.OnlySenderDispatches, Assert.IsType<ConflictError>(refused.Error).Phrase?.Template);
        }
        Assert.Equal(before, await CustodyAsync(database));
        await using (var db = database.Open())
            Assert.Equal(HandoverState.Draft, (await db.Handovers.AsNoTracking().SingleAsync(h => h.Id == s.Handover)).State);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AssigningToAnotherAgencysBureau_IsRefused_AndCustodyStays(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Setup s;
        await using (var db = database.Open()) s = await DispatchedAsync(db);
        Guid assignment;
        await using (var db = database.Open())
        {
            await Handovers.ReceiveAsync(db, s.Cn, s.Handover, [], restReceived: true, "", default);
            await Assignments.RunAsync(db, s.Cn, s.Handover, default);
            assignment = await db.Assignments.Select(a => a.Id).FirstAsync();
            // A bureau below MM-MPF: another agency's.
            db.Agencies.Add(new Agency { Code = "MM-MPF-SHN", Name = "Shan State Police", ParentId = s.Mm.AgencyId, Country = "MMR" });
            await db.SaveChangesAsync();
        }
        var before = await CustodyAsync(database);
        await using (var db = database.Open())
        {
            var refused = await Assert.ThrowsAsync<ConcordException>(() => Assignments.AssignManuallyAsync(db, s.Cn, assignment, "MM-MPF-SHN", default));
            var error = Assert.IsType<InvalidRequestError>(refused.Error);
            Assert.Equal(("bureau", ErrorTexts.NotABureau), (error.Field, error.Phrase?.Template));
            Assert.Contains("MM-MPF-SHN", error.Message, StringComparison.Ordinal);
            // The sending agency cannot assign the receiver's suspects at all.
            await Assert.ThrowsAsync<ConcordException>(() => Assignments.AssignManuallyAsync(db, s.Mm, assignment, "MM-MPF-SHN", default));
        }
        Assert.Equal(before, await CustodyAsync(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DecidingAReviewTwice_IsRefused_AndCustodyStays(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid taskId;
        await using (var db = database.Open())
        {
            await ReviewScenario.SeedAsync(db);
            var task = await ReviewScenario.OpenTaskAsync(db, ReviewScenario.YearOnly);
            taskId = task.Id;
            await ReviewDecisions.DecideOneAsync(db, Scenario.Operator, taskId, "confirm", null, "photo matches", default);
            await DecideCustody.RunAsync(db, Scenario.Operator, Scenario.Operation, default);
        }
        var before = await CustodyAsync(database);
        await using (var db = database.Open())
        {
            var refused = await Assert.ThrowsAsync<ConcordException>(() => ReviewDecisions.DecideOneAsync(db, Scenario.Operator, taskId, "reject", null, "second thoughts", default));
            var error = Assert.IsType<ConflictError>(refused.Error);
            Assert.Equal(ErrorTexts.TaskAlreadyConfirmed, error.Phrase?.Template);
            Assert.Contains(taskId.ToString(), error.Message, StringComparison.Ordinal);
            var same = await Assert.ThrowsAsync<ConcordException>(() => ReviewDecisions.DecideOneAsync(db, Scenario.Operator, taskId, "confirm", null, "again", default));
            Assert.IsType<ConflictError>(same.Error);
        }
        Assert.Equal(before, await CustodyAsync(database));
    }
}
