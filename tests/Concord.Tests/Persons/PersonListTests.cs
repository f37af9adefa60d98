using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Features;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Persons;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Persons;

/// <summary>
/// The persons list shows a caller only the persons their agency arrested, holds or is due to receive; filters and
/// search narrow it in the database; a query it cannot answer is refused naming the field; each read is audited.
/// </summary>
public sealed class PersonListTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EachAgency_SeesItsOwnPersons_FiltersAndSearchNarrowThem_AndTheReadIsAudited(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await Scenario.AgreementLeadOperationAsync(db);
        var lines = Scenario.RosterLines(40);
        await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", lines), Scenario.Operation, default);
        await DecideCustody.RunAsync(db, Scenario.Operator, Scenario.Operation, default);
        var rows = await db.RosterRecords.AsNoTracking().ToListAsync();
        var chinese = rows.Count(r => r.Nationality == "CHN");
        var mm = await Scenario.ActorOfAsync(db, "MM-MPF");
        var cn = await Scenario.ActorOfAsync(db, "CN-MPS");

        var all = await PersonList.ListAsync(db, mm, new(Scenario.Operation, PageSize: 500), db.ReadsIn(), default);
        Assert.Equal(40, all.Total);
        Assert.Equal(chinese, all.Counts["nationality"]["CHN"]);
        Assert.Equal(rows.Select(r => r.RosterNo).Order(StringComparer.Ordinal), all.Rows.Select(r => r.RosterNo));

        // China sees the Chinese nationals due to it, no one else; the filter and the count agree.
        var china = await PersonList.ListAsync(db, cn, new(Scenario.Operation, PageSize: 500), db.ReadsIn(), default);
        Assert.Equal(chinese, china.Total);
        Assert.All(china.Rows, r => Assert.Equal(("CHN", "CN-MPS"), (r.Nationality, r.CustodyTo)));
        Assert.Equal(chinese, (await PersonList.ListAsync(db, mm, new(Scenario.Operation, Nationality: "CHN"), db.ReadsIn(), default)).Total);

        // Search across scripts and numbers; pages never repeat a person.
        var han = rows.First(r => r.Nationality == "CHN" && r.Name is { } n && n.All(c => c >= '\u4e00'));
        Assert.Contains((await PersonList.ListAsync(db, mm, new(Scenario.Operation, Search: han.Name), db.ReadsIn(), default)).Rows, r => r.RosterNo == han.RosterNo);
        var burmese = rows.First(r => r.Nationality == "MMR" && r.Name is { } n && n.Any(c => c is >= '\u1000' and <= '\u109F'));
        Assert.Contains((await PersonList.ListAsync(db, mm, new(Scenario.Operation, Search: burmese.Name), db.ReadsIn(), default)).Rows, r => r.RosterNo == burmese.RosterNo);
        var withId = rows.First(r => r.IdNumber is not null);
        Assert.Contains((await PersonList.ListAsync(db, mm, new(Scenario.Operation, Search: withId.IdNumber), db.ReadsIn(), default)).Rows, r => r.RosterNo == withId.RosterNo);
        // The export holds every person the filters find, beyond one page, in the list's order, with one audit entry.
        var exported = await PersonList.ExportAsync(db, mm, new(Scenario.Operation, Nationality: "CHN", PageSize: 5), db.ReadsIn(), default);
        Assert.Equal(chinese, exported.Count);
        Assert.Equal(exported.Select(r => r.RosterNo).Order(StringComparer.Ordinal), exported.Select(r => r.RosterNo));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "person.export" && a.Details!.StartsWith($"{chinese} persons exported")));

        // A roster number finds its one person, not everyone whose number shares its letters.
        var byNumber = await PersonList.ListAsync(db, mm, new(Scenario.Operation, Search: han.RosterNo), db.ReadsIn(), default);
        Assert.Equal(han.RosterNo, Assert.Single(byNumber.Rows).RosterNo);
        var paged = new List<Guid>();
        for (var page = 1; page <= 4; page++)
            paged.AddRange((await PersonList.ListAsync(db, mm, new(Scenario.Operation, Page: page, PageSize: 12, Sort: "name"), db.ReadsIn(), default)).Rows.Select(r => r.Id));
        Assert.Equal(40, paged.Distinct().Count());

        Assert.True(await db.AuditEntries.CountAsync(a => a.Action == "person.list") >= 10);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AQueryItCannotAnswer_IsRefusedNamingTheField_AndAnotherAgencysOperationIsNotFound(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await Scenario.AgreementLeadOperationAsync(db);
        var mm = await Scenario.ActorOfAsync(db, "MM-MPF");
        foreach (var (query, field) in new (PersonList.Query, string)[]
                 {
                     (new(Scenario.Operation, Sort: "height"), "sort"),
                     (new(Scenario.Operation, PageSize: 5000), "page_size"),
                     (new(Scenario.Operation, Role: "member"), "role"),
                     (new(Scenario.Operation, Handover: "lost"), "handover"),
                     (new(Scenario.Operation, Custody: "XX-NONE"), "custody"),
                 })
        {
            var e = await Assert.ThrowsAsync<ConcordException>(() => PersonList.ListAsync(db, mm, query, db.ReadsIn(), default));
            Assert.Equal(field, Assert.IsType<InvalidRequestError>(e.Error).Field);
        }
        db.Agencies.Add(new Core.Domain.Agency { Code = "TH-RTP", Name = "Royal Thai Police", Country = "THA" });
        await db.SaveChangesAsync();
        var th = await Scenario.ActorOfAsync(db, "TH-RTP");
        var denied = await Assert.ThrowsAsync<ConcordException>(() => PersonList.ListAsync(db, th, new(Scenario.Operation), db.ReadsIn(), default));
        Assert.IsType<NotFoundError>(denied.Error);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "access.denied" && a.Actor == th.Name));
    }
}
