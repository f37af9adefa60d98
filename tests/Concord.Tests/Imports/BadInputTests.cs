using System.Text;
using Concord.Core;
using Concord.Core.Features.Agreements;
using Concord.Core.Features.Operations;
using Concord.Core.Features.Wanted;
using Concord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Imports;

/// <summary>Each class of bad input is refused whole, with its place named, and leaves the database as it was.</summary>
public sealed class BadInputTests
{
    static BadInputTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    internal static async Task<InputProblem> RefusedAsync(TestDatabase database, Func<Core.Storage.ConcordDbContext, Task> import)
    {
        await using var db = database.Open();
        var before = await Scenario.SnapshotAsync(db);
        var e = await Assert.ThrowsAsync<ConcordException>(() => import(db));
        await using var fresh = database.Open();
        Assert.Equal(before, await Scenario.SnapshotAsync(fresh));
        var error = Assert.IsType<InvalidInputError>(e.Error);
        // Every problem is said as one of the templates the screens translate, its text that template filled in.
        Assert.All(error.Problems, p =>
        {
            Assert.NotNull(p.Phrase);
            Assert.Contains(p.Phrase.Template, ProblemTexts.All);
            Assert.Equal(p.Phrase.English, p.Detail);
        });
        return error.Problems[0];
    }

    internal static async Task<TestDatabase> ReadyAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        await Scenario.AgreementLeadOperationAsync(db);
        return database;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roster_NotCsv_RefusedNamingTheFile(string provider)
    {
        await using var database = await ReadyAsync(provider);
        var path = Scenario.WriteTemp("roster.xlsx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]);
        var p = await RefusedAsync(database, db => ImportRoster.RunAsync(db, Scenario.Operator, path, Scenario.Operation, default));
        Assert.Equal("roster.xlsx", p.File);
        Assert.Contains("not a CSV", p.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roster_InAnEncodingNeitherUtf8NorGb18030_IsRefused_NotMojibake(string provider)
    {
        // GB18030 is read (Imports/WorkbookAndGb18030Tests); Latin-1, as an old Western machine saves it, is neither.
        await using var database = await ReadyAsync(provider);
        var lines = Scenario.RosterLines(5);
        lines[1] = "MUSE-0001,José Tan,,,M,1990-01-01,PHL,,,,MUSE-D07,2024-03-25T08:41:00+06:30,Unit,";
        var path = Scenario.WriteTemp("roster-latin1.csv", Encoding.Latin1.GetBytes(string.Join('\n', lines) + "\n"));
        var p = await RefusedAsync(database, db => ImportRoster.RunAsync(db, Scenario.Operator, path, Scenario.Operation, default));
        Assert.Equal(("roster-latin1.csv", 2, ProblemTexts.NotUtf8), (p.File, p.Row, p.Phrase?.Template));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roster_MissingRequiredColumn_RefusedNamingTheColumn(string provider)
    {
        await using var database = await ReadyAsync(provider);
        var lines = Scenario.RosterLines(5);
        lines[0] = lines[0].Replace("roster_no", "number", StringComparison.Ordinal);
        var path = Scenario.WriteTemp("roster.csv", lines);
        var p = await RefusedAsync(database, db => ImportRoster.RunAsync(db, Scenario.Operator, path, Scenario.Operation, default));
        Assert.Equal("roster_no", p.Column);
        Assert.Equal(1, p.Row);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roster_ImpossibleDate_RefusedNamingRowAndColumn(string provider)
    {
        await using var database = await ReadyAsync(provider);
        var lines = Scenario.RosterLines(6);
        lines[4] = lines[4].Replace("1998-10-08", "1998-02-30", StringComparison.Ordinal);
        Assert.Contains("1998-02-30", lines[4], StringComparison.Ordinal);
        var path = Scenario.WriteTemp("roster.csv", lines);
        var p = await RefusedAsync(database, db => ImportRoster.RunAsync(db, Scenario.Operator, path, Scenario.Operation, default));
        Assert.Equal((5, "birth_date"), (p.Row!.Value, p.Column!));
        Assert.Contains("1998-02-30", p.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roster_NationalityNamingNoCountry_RefusedNamingRowAndColumn(string provider)
    {
        await using var database = await ReadyAsync(provider);
        var lines = Scenario.RosterLines(6);
        lines[3] = lines[3].Replace(",Myanmar,", ",Atlantis,", StringComparison.Ordinal);
        Assert.Contains("Atlantis", lines[3], StringComparison.Ordinal);
        var path = Scenario.WriteTemp("roster.csv", lines);
        var p = await RefusedAsync(database, db => ImportRoster.RunAsync(db, Scenario.Operator, path, Scenario.Operation, default));
        Assert.Equal((4, "nationality"), (p.Row!.Value, p.Column!));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roster_DuplicateRowNumber_RefusedNamingBothRows(string provider)
    {
        await using var database = await ReadyAsync(provider);
        var lines = Scenario.RosterLines(6);
        lines[5] = "MUSE-0002" + lines[5][lines[5].IndexOf(',', StringComparison.Ordinal)..];
        var path = Scenario.WriteTemp("roster.csv", lines);
        var p = await RefusedAsync(database, db => ImportRoster.RunAsync(db, Scenario.Operator, path, Scenario.Operation, default));
        Assert.Equal((6, "roster_no"), (p.Row!.Value, p.Column!));
        Assert.Contains("repeats row 3", p.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Agreement_UnknownParty_RefusedNamingTheField(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var json = (await File.ReadAllTextAsync(Repo.Muse("agreement.json"))).Replace("\"to\": \"CN-MPS\"", "\"to\": \"CN-XXX\"", StringComparison.Ordinal);
        Assert.Contains("CN-XXX", json, StringComparison.Ordinal);
        var path = Scenario.WriteTemp("agreement.json", Encoding.UTF8.GetBytes(json));
        var p = await RefusedAsync(database, db => ImportAgreement.FromFileAsync(db, Scenario.Operator, path, default));
        Assert.Equal("custody[0].to", p.Column);
        Assert.Contains("CN-XXX", p.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Roster_FieldSlips_KeptAsWrittenAndFlagged(string provider)
    {
        await using var database = await ReadyAsync(provider);
        var lines = Scenario.RosterLines(1);
        // A wrong check digit; a birth date with day and month swapped against the ID; a birth date that disagrees with the ID.
        lines.Add("X-1,张三,,,M,1990-05-12,CHN,CN-RIC,110101199005120011,,,,,");
        lines.Add("X-2,李四,,,M,1990-12-05,CHN,CN-RIC,110101199005120038,,,,,");
        lines.Add("X-3,王五,,,M,1985-01-01,CHN,CN-RIC,110101199005120038,,,,,");
        var path = Scenario.WriteTemp("roster.csv", lines);
        await using (var db = database.Open())
            await ImportRoster.RunAsync(db, Scenario.Operator, path, Scenario.Operation, default);
        await using var check = database.Open();
        var rows = await check.RosterRecords.Where(r => r.RosterNo.StartsWith("X-")).ToDictionaryAsync(r => r.RosterNo);
        Assert.Contains("id-check-digit", rows["X-1"].Flags, StringComparison.Ordinal);
        Assert.Equal("110101199005120011", rows["X-1"].IdNumber);
        Assert.Contains("birth-date-day-month-swapped", rows["X-2"].Flags, StringComparison.Ordinal);
        Assert.Equal("1990-12-05", rows["X-2"].BirthDate);
        Assert.Contains("birth-date-disagrees-with-id", rows["X-3"].Flags, StringComparison.Ordinal);
        Assert.Equal("1985-01-01", rows["X-3"].BirthDate);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Wanted_ChineseHeadersAndVariants_Read(string provider)
    {
        await using var database = await ReadyAsync(provider);
        var path = Scenario.WriteTemp("wanted.csv", [
            "在逃编号,姓名,拼音,性别,出生日期,国籍,证件类型,证件号码,立案单位,案由,上网日期",
            "Z1,张伟,ZHANG WEI,男,1990-05,中国,身份证,110101199005120038,Beijing PSB,fraud,2023-01-01",
            "Z2, မောင်မောင်,Maung Maung,女,1988,缅甸,MM-NRC,၁၃/မဆတ(နိုင်)၁၂၃၄၅၆,,fraud,2023",
        ]);
        await using (var db = database.Open())
            await ImportWantedList.RunAsync(db, Scenario.Operator, path, "CN-MPS", default);
        await using var check = database.Open();
        var z1 = await check.WantedPersons.SingleAsync(w => w.WantedId == "Z1");
        Assert.Equal(("张伟", "M", "CHN", "CN-RIC"), (z1.Name, z1.Sex, z1.Nationality, z1.IdType));
        var z2 = await check.WantedPersons.SingleAsync(w => w.WantedId == "Z2");
        Assert.Equal(("မောင်မောင်", "F", "MMR", "13/MASATA(N)123456"), (z2.Name, z2.Sex, z2.Nationality, z2.IdNumber));
    }
}
