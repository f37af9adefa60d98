using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Domain;
using Concord.Core.Features;
using Concord.Core.Features.Custody;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Persons;
using Concord.Core.Features.Seizures;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Operations;

/// <summary>
/// A time written in the field without an offset is read in the operation's zone (by default the raiding agency's), never
/// as UTC; an officer reads every time in their own agency's zone, with its label.
/// </summary>
public sealed class TimeZoneTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ATimeWrittenWithoutAnOffset_IsReadInTheOperationsZone_AndShownInEachViewersOwn(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await Scenario.AgreementLeadOperationAsync(db);
        var operation = await db.Operations.AsNoTracking().SingleAsync(o => o.Code == Scenario.Operation);
        Assert.Equal("Asia/Yangon", operation.TimeZone);

        var lines = Scenario.RosterLines(3);
        lines[1] = Replace(lines[1], 11, "2024-03-26 10:00");           // a clerk's typed time, no offset
        lines[2] = Replace(lines[2], 11, "2024-03-26T10:00:00+06:30");  // the same instant with its offset
        lines[3] = Replace(lines[3], 11, "2024-03-26T10:00:00Z");       // another instant, in UTC
        await ImportRoster.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("roster.csv", lines), Scenario.Operation, default);
        var rows = await db.RosterRecords.AsNoTracking().OrderBy(r => r.RosterNo).ToListAsync();
        var mmt = new DateTime(2024, 3, 26, 3, 30, 0, DateTimeKind.Utc);
        Assert.Equal([mmt, mmt, new DateTime(2024, 3, 26, 10, 0, 0, DateTimeKind.Utc)], rows.Select(r => r.ArrestedAt!.Value));
        Assert.Equal("2024-03-26 10:00", rows[0].ArrestedAtWritten);

        await ImportSeizures.RunAsync(db, Scenario.Operator, Scenario.WriteTemp("seizures.csv", [
            "item_no,den,type,description,quantity,seized_at,unit,sha256,holder_roster_no",
            "S1,MUSE-D07,phone,phones,3,2024-03-26 10:00,Muse District Police,,"]), Scenario.Operation, default);
        Assert.Equal(mmt, (await db.Seizures.AsNoTracking().SingleAsync()).SeizedAt);

        // The Chinese national goes to China: the Myanmar officer and the Chinese one each read the arrest in their own zone.
        await DecideCustody.RunAsync(db, Scenario.Operator, Scenario.Operation, default);
        var person = rows[0].PersonId;
        var mm = await Scenario.ActorOfAsync(db, "MM-MPF");
        var cn = await Scenario.ActorOfAsync(db, "CN-MPS");
        var seenInMyanmar = await PersonViews.GetAsync(db, mm, person, db.ReadsIn(), default);
        var seenInChina = await PersonViews.GetAsync(db, cn, person, db.ReadsIn(), default);
        Assert.Equal("2024-03-26 10:00 (MMT)", LocalTimes.Show(seenInMyanmar.Rows[0].ArrestedAt!.Value, seenInMyanmar.ViewerZone));
        Assert.Equal("2024-03-26 11:30 (CST)", LocalTimes.Show(seenInChina.Rows[0].ArrestedAt!.Value, seenInChina.ViewerZone));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnOperationsZone_IsChosenAtCreation_AndAnUnknownOneIsRefused(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await Scenario.AgreementLeadOperationAsync(db);
        var e = await Assert.ThrowsAsync<ConcordException>(() =>
            CreateOperation.RunAsync(db, Scenario.Operator, "OP-ZONE-1", Scenario.Lead, "MM-MPF", default, "Mars/Olympus"));
        Assert.Equal("time_zone", Assert.IsType<InvalidRequestError>(e.Error).Field);
        var op = await CreateOperation.RunAsync(db, Scenario.Operator, "OP-ZONE-2", Scenario.Lead, "MM-MPF", default, "Asia/Bangkok");
        Assert.Equal("Asia/Bangkok", op.TimeZone);
        Assert.False(await db.Operations.AnyAsync(o => o.Code == "OP-ZONE-1"));
    }

    private static string Replace(string csvLine, int column, string value)
    {
        var cells = csvLine.Split(',');
        cells[column] = value;
        return string.Join(',', cells);
    }
}
