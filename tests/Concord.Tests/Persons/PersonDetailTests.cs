using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Assignment;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Handover;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Persons;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Persons;

/// <summary>
/// A person's page: roster rows, custody, the manifest they are on, the bureau they were sent to and their history, each
/// shown to the agencies whose record it is; the read is audited; a person of another agency is not found.
/// </summary>
public sealed class PersonDetailTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task APerson_HandedOverAndAssigned_ShowsEachStep_ToTheSidesWhoseStepItIs(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await Scenario.AgreementLeadOperationAsync(db);
        await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", Scenario.RosterLines(30)), Scenario.Operation, default);
        var mm = await Scenario.ActorOfAsync(db, "MM-MPF");
        await DecideCustody.RunAsync(db, mm, Scenario.Operation, default);
        var cn = await Scenario.ActorOfAsync(db, "CN-MPS");
        db.Agencies.Add(new Agency { Code = "TH-RTP", Name = "Royal Thai Police", Country = "THA" });
        await db.SaveChangesAsync();
        var th = await Scenario.ActorOfAsync(db, "TH-RTP");
        var plan = await Handovers.PlanAsync(db, mm, Scenario.Operation, "CN-MPS", "Ruili", new DateOnly(2024, 3, 31), default);
        await Handovers.DispatchAsync(db, mm, plan.Id, default);
        db.ChangeTracker.Clear();
        await Handovers.ReceiveAsync(db, cn, plan.Id, [], restReceived: true, "", default);
        db.ChangeTracker.Clear();
        await Assignments.RunAsync(db, cn, plan.Id, default);
        db.ChangeTracker.Clear();
        var person = plan.Persons[0].PersonId;

        // The receiving side: the rows, custody now with it, the manifest received at Ruili, the bureau, and each step in order.
        var seenByCn = await PersonViews.GetAsync(db, cn, person, db.ReadsIn(), default);
        Assert.NotEmpty(seenByCn.Rows);
        Assert.Equal(cn.AgencyId, seenByCn.Person.CustodyAgencyId);
        var stop = Assert.Single(seenByCn.Handovers);
        Assert.Equal(("MM-MPF", "CN-MPS", "Ruili", HandoverPersonStatus.Received), (stop.From, stop.To, stop.Port, stop.Status));
        Assert.Single(seenByCn.Assignments);
        var kinds = seenByCn.Timeline.Select(e => e.Kind).ToList();
        Assert.Equal(0, kinds.IndexOf("arrest"));
        // Its own entries, and from the manifest when it left; the sender's entries (custody, planning) are the sender's.
        foreach (var step in new[] { "handover.dispatch", "handover.receive", "assignment.create" }) Assert.Contains(step, kinds);
        Assert.DoesNotContain("custody.decide", kinds);
        Assert.Equal("MM-MPF", seenByCn.Timeline.Single(e => e.Kind == "handover.dispatch").Agency);
        Assert.True(kinds.IndexOf("handover.dispatch") < kinds.IndexOf("handover.receive") && kinds.IndexOf("handover.receive") < kinds.IndexOf("assignment.create"),
            string.Join(", ", kinds));
        Assert.Equal(seenByCn.Timeline.OrderBy(e => e.At).Select(e => e.At), seenByCn.Timeline.Select(e => e.At));

        // The sending side sees the same manifest, but not where the receiving side sent the person, nor its entries about it.
        var seenByMm = await PersonViews.GetAsync(db, mm, person, db.ReadsIn(), default);
        Assert.Single(seenByMm.Handovers);
        Assert.Empty(seenByMm.Assignments);
        var mmKinds = seenByMm.Timeline.Select(e => e.Kind).ToList();
        foreach (var step in new[] { "arrest", "custody.decide", "handover.plan", "handover.dispatch", "handover.receive" }) Assert.Contains(step, mmKinds);
        Assert.DoesNotContain("assignment.create", mmKinds);
        Assert.Equal(mm.Name, seenByMm.Timeline.Single(e => e.Kind == "handover.dispatch").Actor);
        Assert.All(seenByMm.Timeline.Where(e => e.Sequence is not null), e => Assert.Equal("MM-MPF", e.Agency));

        // Each read is in the trail; a third agency is answered as if the person did not exist, and that is recorded too.
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "person.read" && a.EntityId == person));
        var refused = await Assert.ThrowsAsync<ConcordException>(() => PersonViews.GetAsync(db, th, person, db.ReadsIn(), default));
        Assert.IsType<NotFoundError>(refused.Error);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "access.denied" && a.EntityId == person));
    }
}
