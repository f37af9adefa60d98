using Concord.Core;
using Concord.Matching;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features.Cases;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Cases;

/// <summary>
/// What the cases pages read: an identifier found across reports and devices however it is written, the link graph
/// around a report, the figures per criminal group, and the refusals of each for an agency that may not see.
/// </summary>
public sealed class CaseViewsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_identifier_is_found_in_reports_and_on_devices_and_the_graph_and_groups_add_up(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var w = await CaseWorld.CreateAsync(db);
        await CaseWorld.LinkedAsync(db, w);

        // The number as the victim wrote it, and as the SIM's sleeve has it: one reading, found in the report and on the phone.
        foreach (var written in new[] { "170-1234-5678", "+86 170 1234 5678", "００８６１７０１２３４５６７８" })
        {
            var found = await CaseViews.SearchAsync(db, w.Ministry, written, db.ReadsIn(), default);
            Assert.Contains(found.Readings, r => r.Kind == IdentifierKind.Phone && r.Value == "+8617012345678");
            Assert.Equal(["ZJ-2024-0001 report", "S1 sims own"], found.Hits.Select(h => h.InReport ? $"{h.Ref} report" : $"{h.Ref} {h.Table} {(h.Own ? "own" : "knew")}"));
        }
        // The number the phone only knew: on the device as a contact, and in the unrelated report.
        var contact = await CaseViews.SearchAsync(db, w.Ministry, "139 0000 1111", db.ReadsIn(), default);
        Assert.Equal(["ZJ-2024-0004 report", "S1 contacts knew"], contact.Hits.Select(h => h.InReport ? $"{h.Ref} report" : $"{h.Ref} {h.Table} {(h.Own ? "own" : "knew")}"));
        // Guangdong sees neither the reports nor the extractions: nothing is found, nothing is said of them.
        Assert.Empty((await CaseViews.SearchAsync(db, w.Guangdong, "170-1234-5678", db.ReadsIn(), default)).Hits);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "identifier.search"));

        // The graph around ZJ-2024-0001: the report, its two identifiers, the phone, its holder and its den.
        var report = await CaseAccess.ReportAsync(db, w.Ministry, "ZJ-2024-0001", null, default);
        var graph = await CaseGraph.AroundAsync(db, w.Ministry, "report", report.Id.ToString(), false, db.ReadsIn(), default);
        Assert.Equal($"r:{report.Id}", graph.Center);
        Assert.Equal(["Report ZJ-2024-0001", "Identifier +8617012345678", "Identifier 6222021234567890128", "Device S1", "Person MUSE-0003", "Den MUSE-D01", "Group GROUP-1"],
            graph.Nodes.OrderBy(n => n.Kind).ThenBy(n => n.Label, StringComparer.Ordinal).Select(n => $"{n.Kind} {n.Label}"));
        Assert.Contains(graph.Edges, e => e.From == $"r:{report.Id}" && e.To.StartsWith("p:", StringComparison.Ordinal) && e.Kind == "proposed");
        Assert.Contains(graph.Edges, e => e.From.StartsWith("x:", StringComparison.Ordinal) && e.To == "i:+8617012345678" && e.Kind == "own");
        // The den's criminal group, as the lead names it.
        Assert.Contains(graph.Edges, e => e.From.StartsWith("d:", StringComparison.Ordinal) && e.To == "g:GROUP-1" && e.Kind == "member");
        Assert.False(graph.Truncated);
        // The report's page links a suspect only where the officer may open him, as the person page would answer.
        var detail = await CaseViews.ReportAsync(db, w.Ministry, report.Id, db.ReadsIn(), default);
        var suspects = detail.Report.Links.Where(l => l.Subject == CaseSubject.Person).Select(l => l.SubjectId).Distinct().ToList();
        Assert.NotEmpty(suspects);
        foreach (var suspect in suspects)
        {
            var opens = await Record.ExceptionAsync(() => Concord.Core.Features.Access.PersonAsync(db, w.Ministry, suspect, default)) is null;
            Assert.Equal(opens, detail.PersonsOpen.Contains(suspect));
        }
        // The graph's suspects open the same way: a node the officer may not open has no record to open.
        Assert.All(graph.Nodes.Where(n => n.Kind == GraphNodeKind.Person), n => Assert.Equal(detail.PersonsOpen.Contains(Guid.Parse(n.Id[2..])), n.RecordId is not null));
        var arrested = (await db.RosterRecords.AsNoTracking().Select(r => r.PersonId).ToListAsync()).Distinct().ToList();
        Assert.Equal(arrested.Order(), (await Concord.Core.Features.Access.PersonsSeenAsync(db, w.Myanmar, arrested, default)).Order());
        Assert.Empty(await Concord.Core.Features.Access.PersonsSeenAsync(db, w.Guangdong, arrested, default));
        // Guangdong may not see the report: "not found", the refusal audited.
        var refused = await Assert.ThrowsAsync<ConcordException>(() => CaseGraph.AroundAsync(db, w.Guangdong, "report", report.Id.ToString(), false, db.ReadsIn(), default));
        Assert.IsType<NotFoundError>(refused.Error);
        Assert.IsType<InvalidRequestError>((await Assert.ThrowsAsync<ConcordException>(() => CaseGraph.AroundAsync(db, w.Ministry, "planet", "x", false, db.ReadsIn(), default))).Error);

        // The graph of a criminal group: GROUP-1, its den MUSE-D01, the reports linked to it and the devices seized there.
        var group = await CaseGraph.AroundAsync(db, w.Ministry, "group", " GROUP-1 ", false, db.ReadsIn(), default);
        Assert.Equal("g:GROUP-1", group.Center);
        Assert.Contains(group.Nodes, n => n.Kind == GraphNodeKind.Den && n.Label == "MUSE-D01");
        Assert.Contains(group.Edges, e => e.To == "g:GROUP-1" && e.Kind == "member");
        Assert.Equal(["ZJ-2024-0001", "ZJ-2024-0002"], group.Nodes.Where(n => n.Kind == GraphNodeKind.Report).Select(n => n.Label).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(group.Nodes, n => n.Label == "MUSE-D02");
        // A group no lead names, and one Guangdong sees no den of: "not found" alike.
        Assert.IsType<NotFoundError>((await Assert.ThrowsAsync<ConcordException>(() => CaseGraph.AroundAsync(db, w.Ministry, "group", "GROUP-99", false, db.ReadsIn(), default))).Error);
        Assert.IsType<NotFoundError>((await Assert.ThrowsAsync<ConcordException>(() => CaseGraph.AroundAsync(db, w.Guangdong, "group", "GROUP-1", false, db.ReadsIn(), default))).Error);

        // Per criminal group: MUSE-D01 is GROUP-1 (ZJ-0001 and ZJ-0002), MUSE-D02 is GROUP-4 (ZJ-0003).
        var groups = await CaseLosses.OfGroupsAsync(db, w.Ministry, default);
        Assert.Equal(["GROUP-1 2 80000 CNY", "GROUP-4 1 1200 USDT"],
            groups.OrderBy(g => g.SubjectRef, StringComparer.Ordinal).Select(g => $"{g.SubjectRef} {g.ReportCount} {string.Join(" ", g.Losses.Select(m => $"{m.Amount:0} {m.Currency}"))}"));
        Assert.All(groups, g => Assert.Equal(CaseSubject.Group, g.Subject));
        Assert.Empty(await CaseLosses.OfGroupsAsync(db, w.Guangdong, default));
    }
}
