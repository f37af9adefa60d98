using Concord.Core.Domain;
using Concord.Core.Features.Operations;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Imports;

/// <summary>A roster goes in through the bulk path: its records, persons and identifiers read back as SaveChanges would have left them.</summary>
public sealed class RosterBulkImportTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roster_StoresRecordsPersonsAndIdentifiers_AsSaveChangesWould(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var lines = Scenario.RosterLines(0);
        lines.Add("T-1,张三,ZHANG SAN,小三,男,1990-05-12,中国,身份证,110101199005120011,+86 139 1234 5678,MUSE-D01,2024-03-25T02:42:00+06:30,Muse District Police,两部手机");
        lines.Add("T-2,ခင်ဟိန်းမျိုး,,,M,1966-05,MMR,MM-NRC,12/BAHANA(N)354537,09 123 456,,,,");
        await using (var db = database.Open())
        {
            await Scenario.AgreementLeadOperationAsync(db);
            var result = await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", lines), Scenario.Operation, default);
            Assert.Equal((2, 2, 0), (result.Rows, result.Added, result.Unchanged));
        }

        await using var check = database.Open();
        var operation = await check.Operations.SingleAsync(o => o.Code == Scenario.Operation);
        var records = await check.RosterRecords.AsNoTracking().ToDictionaryAsync(r => r.RosterNo);
        var t1 = records["T-1"];
        Assert.Equal(("张三", "ZHANG SAN", "小三", "M", "1990-05-12", "CHN"), (t1.Name, t1.NameLatin, t1.Aliases, t1.Sex, t1.BirthDate, t1.Nationality));
        Assert.Equal(("+8613912345678", "MUSE-D01", "Muse District Police", "两部手机", "id-check-digit"), (t1.Phone, t1.DenCode, t1.Unit, t1.Notes, t1.Flags));
        Assert.Equal(new DateTime(2024, 3, 24, 20, 12, 0, DateTimeKind.Utc), t1.ArrestedAt);
        Assert.Equal(DateTimeKind.Utc, t1.ArrestedAt!.Value.Kind);
        var t2 = records["T-2"];
        Assert.Equal(("ခင်ဟိန်းမျိုး", "MM-NRC", "12/BAHANA(N)354537", null, null), (t2.Name, t2.IdType, t2.IdNumber, t2.ArrestedAt, t2.ArrestedAtWritten));

        var persons = await check.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id);
        Assert.Equal(2, persons.Count);
        foreach (var r in records.Values)
        {
            var p = persons[r.PersonId];
            Assert.Equal((operation.AgencyId, operation.Id, r.Name, r.Nationality, r.Sex, r.BirthDate), (p.AgencyId, p.OperationId, p.DisplayName, p.Nationality, p.Sex, p.BirthDate));
            Assert.Equal((operation.AgencyId, CustodyState.Undecided), (p.CustodyAgencyId, p.CustodyState));
        }
        var identifiers = await check.PersonIdentifiers.AsNoTracking().ToListAsync();
        Assert.Equal(2, identifiers.Count);
        var ric = Assert.Single(identifiers, i => i.PersonId == t1.PersonId);
        Assert.Equal(("CN-RIC", "110101199005120011", IdentifierTrust.Roster, false, "roster:T-1"), (ric.Type, ric.Number, ric.Trust, ric.ValidCheck, ric.Source));

        await StoredRows.AssertStoredAsSaveChangesWouldAsync(database, t1, copy => copy.RosterNo = "EF-1", nameof(RosterRecord.RosterNo));
        await StoredRows.AssertStoredAsSaveChangesWouldAsync(database, t2, copy => copy.RosterNo = "EF-2", nameof(RosterRecord.RosterNo));
        await StoredRows.AssertStoredAsSaveChangesWouldAsync(database, persons[t1.PersonId], _ => { });
        await StoredRows.AssertStoredAsSaveChangesWouldAsync(database, ric, _ => { });
    }
}
